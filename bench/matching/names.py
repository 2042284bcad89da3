"""Name, place and nickname lists for the synthetic generator, with rough popularity weights.

Written separately from the matcher's data files (backend/campo/matching/*.csv) on purpose: the
generator includes names and nicknames the matcher does not know, and its weights are not the
matcher's frequencies, so the evaluation does not simply replay the matcher's assumptions.
"""

from __future__ import annotations


def weighted(text: str) -> list[tuple[str, float]]:
    """Parse "Name:weight, Name:weight" (weight defaults to 1)."""
    out = []
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        name, _, weight = item.partition(":")
        out.append((name.strip(), float(weight) if weight else 1.0))
    return out


HISPANIC_SURNAMES = weighted(
    """Hernández:60, García:45, Martínez:44, López:40, González:37, Rodríguez:28, Pérez:28,
    Sánchez:26, Ramírez:25, Cruz:19, Flores:18, Gómez:18, Morales:14, Vázquez:14, Reyes:14,
    Jiménez:13, Torres:13, Díaz:12, Gutiérrez:12, Ruiz:11, Mendoza:11, Aguilar:10, Ortiz:9,
    Moreno:9, Castillo:9, Romero:9, Álvarez:9, Méndez:9, Chávez:9, Rivera:8, Juárez:8, Ramos:8,
    Domínguez:7, Herrera:7, Medina:7, Castro:7, Vargas:7, Guzmán:7, Velázquez:6, Muñoz:6, Rojas:5,
    Contreras:5, Salazar:5, Luna:5, Ortega:5, Guerrero:5, Estrada:5, Cortés:5, Núñez:5, Delgado:5,
    Sandoval:5, Rosas:4, Fernández:4, Soto:4, Silva:4, Ríos:4, Alvarado:4, Carrillo:4, Valdez:4,
    Espinoza:4, Mejía:4, Acosta:4, Navarro:4, Campos:4, Maldonado:4, Cervantes:4, Padilla:4,
    Vega:4, Salas:3, Ayala:3, Ávila:3, Fuentes:3, Molina:3, Cabrera:3, Lara:3, Miranda:3,
    Pacheco:3, Trejo:3, Rangel:3, Zamora:3, Robles:3, Solís:3, Marín:3, Ibarra:3, Camacho:3,
    Escobar:3, Figueroa:3, Villa:3, Peña:3, Montes:3, Nava:3, Márquez:3, León:3, Barrera:3,
    Durán:3, Rosales:3, Gallegos:3, Zúñiga:3, Orozco:3, Arellano:3, Galván:2, Tapia:2, Cano:2,
    Beltrán:2, Bravo:2, Correa:2, Esquivel:2, Cárdenas:2, Quintero:2, Valencia:2, Lozano:2,
    Ochoa:2, Huerta:2, Pineda:2, Mora:2, Vera:2, Guerra:2, Cisneros:2, Zavala:2, Benítez:2,
    Valenzuela:2, Villanueva:2, Meza:2, Olvera:2, Calderón:2, Garza:2, Saucedo:2, Bernal:2,
    Lugo:2, Sosa:2, Villegas:2, Zapata:2, Andrade:2, Arroyo:2, Barajas:2, Velasco:2, Macías:2,
    Ponce:2, Tovar:2, Téllez:2, Franco:2, Quiroz:2, Becerra:2, Magaña:2, Coronado:2, Aguirre:2,
    Bañuelos:1, Ceja:1, Cázares:1, Cuéllar:1, Enríquez:1, Guevara:1, Loera:1, Montoya:1,
    Pantoja:1, Preciado:1, Quintana:1, Santana:1, Suárez:1, De la Cruz:4, De la Rosa:2,
    Del Río:1, De León:2, De la Torre:1, Ponce de León:0.5, Villalobos:1, Villarreal:1,
    Anguiano:1, Arreola:1, Bautista:2, Santiago:2, Zepeda:1, Valadez:1, Ledezma:1,
    Huitrón:0.3, Xolalpa:0.2, Tzintzun:0.2, Cuahutle:0.1, Ixtepan:0.1, Olguín:0.5,
    Nolasco:0.5, Melchor:0.5, Apolinar:0.3, Basurto:0.5, Cholula:0.2, Abarca:0.5"""
)

# Mixtec, Triqui and Zapotec families from Oaxaca and Guerrero: Spanish surnames, skewed.
OAXACAN_SURNAMES = weighted(
    """Santiago:12, Bautista:10, López:10, Hernández:9, Ramírez:8, Cruz:8, Martínez:8, García:7,
    Mendoza:6, Merino:5, Sánchez:5, Pérez:5, Jiménez:4, Reyes:4, Ortiz:4, Vásquez:5, Lucas:3,
    Mateo:3, Feria:2, Bartolo:2, Jacinto:2, Gil:2, Ventura:3, Salazar:2, Aguilar:2, Velasco:2,
    Alavez:1, Nicolás:2, Zárate:1, Tapia:1, Chávez:2, Osorio:2, Solano:1, Juárez:3"""
)

HISPANIC_BOYS = weighted(
    """José:30, Juan:18, Luis:14, Jesús:14, Carlos:12, Miguel:12, Ángel:12, Daniel:12,
    Francisco:10, Antonio:8, Alejandro:9, Jorge:7, David:8, Manuel:6, Eduardo:7, Fernando:6,
    Ricardo:5, Pedro:4, Diego:8, Adrián:7, Jonathan:7, Kevin:7, Christopher:7, Anthony:8,
    Brian:6, Bryan:4, Alexander:6, Emmanuel:5, Isaac:5, Josué:4, Iván:5, Óscar:5, Sergio:4,
    Roberto:4, Rafael:4, Javier:5, Mario:4, Marco:2, Marcos:3, Víctor:4, Héctor:3, Raúl:3,
    Rubén:3, César:3, Omar:3, Andrés:4, Martín:4, Julio:3, Julián:3, Gabriel:6, Samuel:4,
    Abraham:3, Alan:4, Erick:4, Edgar:4, Alexis:4, Cristian:5, Christian:4, Steven:3, Gael:4,
    Santiago:4, Mateo:3, Sebastián:5, Leonardo:4, Emiliano:3, Joel:3, Saúl:3, Ramón:2,
    Salvador:2, Arturo:3, Alfredo:2, Armando:2, Enrique:3, Guillermo:3, Gerardo:3, Alberto:3,
    Humberto:1, Gilberto:1, Rigoberto:1, Ignacio:2, Felipe:2, Rodolfo:2, Gustavo:2, Hugo:2,
    Ismael:2, Israel:3, Jaime:2, Joaquín:2, Lorenzo:1, Moisés:2, Noé:2, Pablo:3, Rogelio:1,
    Tomás:2, Vicente:2, Agustín:1, Efraín:1, Ernesto:2, Esteban:2, Ezequiel:2, Leonel:2,
    Nicolás:2, Uriel:3, Axel:4, Aarón:3, Benjamín:2, Brandon:4, Dylan:3, Jacob:2, Jayden:2,
    Matthew:2, Elías:2, Ian:3, Damián:3, Fabián:2, Yahir:2, Jairo:1, Eliseo:1, Wilfrido:0.5,
    Kenji:0.3, Neymar:0.2, Thiago:2, Liam:2, Elián:1, Maximiliano:2, Rodrigo:3, Octavio:1"""
)

HISPANIC_GIRLS = weighted(
    """María:25, Guadalupe:8, Ana:10, Daniela:10, Valeria:9, Alejandra:7, Fernanda:8,
    Jennifer:7, Jessica:6, Karen:7, Kimberly:6, Ashley:6, Jocelyn:5, Yesenia:3, Leslie:5,
    Brenda:4, Diana:5, Andrea:7, Paola:5, Natalia:5, Camila:7, Sofía:8, Ximena:5, Jimena:2,
    Isabella:5, Mariana:6, Vanessa:5, Adriana:3, Gabriela:5, Esmeralda:5, Elizabeth:6,
    Alondra:4, Melanie:4, Emily:5, Evelyn:5, Nayeli:3, Citlali:2, Itzel:3, Jazmín:4, Ángela:3,
    Angélica:3, Verónica:2, Leticia:1, Araceli:1, Mónica:2, Lizbeth:3, Dulce:3, Estrella:2,
    Abigail:4, Alexa:4, Sarai:2, Nancy:2, Claudia:2, Luz:3, Silvia:1, Patricia:1, Sandra:2,
    Teresa:2, Josefina:1, Esperanza:1, Margarita:1, Carolina:2, Cecilia:2, Alicia:1, Laura:2,
    Lucía:2, Rocío:1, Yolanda:1, Maribel:1, Marisol:2, Rosario:1, Beatriz:1, Catalina:1,
    Cristina:2, Lorena:1, Raquel:1, Sara:2, Victoria:4, Viviana:2, Estefanía:2, Stephanie:4,
    Jacqueline:2, Berenice:1, Wendy:2, Tania:1, Perla:2, Miriam:2, Liliana:2, Julia:1,
    Paulina:2, Regina:3, Renata:3, Valentina:4, Yaretzi:2, Anahí:2, Aylin:2, Dayana:2,
    Yamileth:1, Arely:1, Yoselin:1, Brisa:1, Fátima:2, Génesis:1, Marlene:1, Nayelli:0.5,
    Yuliana:1, Jaqueline:1, Janeth:1, Zuleyma:0.5"""
)

# Given names common in Oaxacan, Guerrero and Nahua families (and trendy everywhere).
INDIGENOUS_GIRLS = weighted(
    """Xóchitl:5, Citlali:6, Itzel:6, Yatziri:4, Yaretzi:4, Nayeli:5, Xiadani:3, Itzayana:2,
    Anayeli:2, Amairani:2, Ixchel:2, Yoloxóchitl:1, Tonantzin:1, Zyanya:1, Naomi:1,
    Juana:4, Rosa:3, Catalina:3, Florencia:2, Macaria:1, Lucía:3"""
)
INDIGENOUS_BOYS = weighted(
    """Tonatiuh:3, Cuauhtémoc:3, Tenoch:2, Itzcóatl:1, Xicoténcatl:1, Nezahualcóyotl:0.5,
    Mixcóatl:0.5, Yoltic:1, Tlacaélel:1, Quetzalcóatl:0.2, Natalio:2, Crescencio:2,
    Fidencio:2, Hilario:2, Lucas:3, Mateo:3, Santos:3, Cirilo:2, Bartolo:1, Marcelino:3"""
)

HMONG_CLANS = weighted(
    """Vang:14, Xiong:12, Yang:13, Lee:10, Ly:3, Thao:9, Her:8, Lor:7, Moua:7, Vue:6, Chang:4,
    Hang:3, Khang:3, Cha:3, Kue:2, Lo:2, Fang:1, Chue:1, Pha:1"""
)
HMONG_GIRLS = weighted(
    """Mai:20, Pa:6, Nou:4, Yer:3, Mee:3, Kia:3, Ia:2, Houa:2, Maiv:1, Paj:1, Zoua:2, Shoua:2,
    Bao:2, Choua:2, Nkauj:1, Chia:2, Sheng:2, Youa:1, Ka:2, Lia:2, Gao:2, Ntxhi:0.5"""
)
HMONG_GIRL_SECONDS = weighted(
    """Nou:4, Yer:3, Xee:3, Lee:2, Kou:2, Ka:2, Chia:2, Song:2, Hnub:1, Ntxhi:1, Zoua:2, Lia:2,
    Tong:1, See:2, Vang:1, Pa:2, Yia:1, Houa:1"""
)
HMONG_BOYS = weighted(
    """Tou:8, Kou:7, Chue:4, Pheng:4, Xee:3, Tong:4, Fue:3, Txong:2, Neng:3, Pao:3, Xai:2,
    Kong:3, Meng:3, Tswj:1, Vaj:1, Nhia:3, Cheng:3, Koua:2, Yia:2, Seng:2, Bee:2, Lue:1,
    Chong:3, Doua:2, Teng:2, Sai:2, Vue:1, Kao:2, Toua:2, Ger:1, Nao:1"""
)
HMONG_ENGLISH_BOYS = weighted(
    "Kevin:2, Brandon:2, Jason:2, Tony:1, Andrew:1, Daniel:1, Ethan:2, Jacob:1, Nathan:2, Isaac:1"
)
HMONG_ENGLISH_GIRLS = weighted(
    "Emily:2, Jennifer:1, Ashley:1, Melody:1, Kaitlyn:1, Bella:1, Nancy:1, Lisa:1, Mary:1"
)

PUNJABI_GIVEN = weighted(
    """Harpreet:8, Gurpreet:8, Manpreet:8, Jaspreet:6, Amandeep:5, Navdeep:4, Simran:3,
    Simranjit:3, Gurwinder:3, Harjit:3, Parminder:3, Sukhdeep:3, Arshdeep:4, Jasmeet:2,
    Rajveer:3, Gurleen:3, Jaswinder:2, Kulwinder:2, Balwinder:1, Rajwinder:2, Harman:3,
    Jashan:3, Ekam:2, Armaan:2, Gurnoor:2, Japji:1, Sehaj:2, Navneet:3, Prabhjot:3, Jasleen:2,
    Kirandeep:2, Harnoor:2, Ravneet:2, Sukhman:2, Amrit:3, Manjot:2, Tejinder:1, Gagandeep:3,
    Karanveer:2, Angad:2, Arjun:2, Ishaan:1, Ravinder:2, Mandeep:3, Sandeep:3"""
)
PUNJABI_FAMILY = weighted(
    """Sandhu:6, Gill:6, Sidhu:5, Dhillon:5, Grewal:4, Brar:4, Bains:3, Johal:3, Mann:3, Sahota:2,
    Dhaliwal:3, Virk:2, Cheema:2, Randhawa:2, Atwal:1, Bassi:1, Toor:1, Hundal:1, Kang:2,
    Sekhon:2, Chahal:2, Uppal:1, Pannu:1, Boparai:1"""
)

FILIPINO_SURNAMES = weighted(
    """Santos:8, Reyes:7, Cruz:6, Bautista:6, García:5, Mendoza:5, Torres:4, Tomas:3,
    Andrada:2, Castillo:3, Flores:4, Villanueva:4, Ramos:4, Castro:3, Rivera:3, Aquino:4,
    Navarro:2, Salazar:2, Mercado:2, Dizon:3, Pascual:3, Domingo:3, Manalo:2, Gonzales:3,
    Dela Cruz:6, Delos Santos:3, Dela Rosa:2, De Guzman:3, Macaraeg:1, Pangilinan:1,
    Mangubat:1, Dumlao:1, Lacsamana:1, Ocampo:2, Soriano:2, Sison:1, Galang:1, Tolentino:1"""
)
FILIPINO_BOYS = weighted(
    """John:6, Mark:6, Jose:4, Juan:3, Jericho:2, Jomar:2, Christian:3, Michael:3, Joshua:3,
    Carlo:2, Paolo:2, Rafael:2, Miguel:3, Angelo:2, Renato:1, Rodel:1, Arnel:1, Ronaldo:1,
    Jun:1, Benjie:1, Francis:2, Gabriel:2, Nathaniel:1, Ezekiel:1, Adrian:2"""
)
FILIPINO_GIRLS = weighted(
    """Maria:5, Angelica:3, Kristine:3, Rhea:2, Lovely:1, Princess:2, Joy:2, Mary Grace:2,
    Jasmine:2, Nicole:3, Camille:2, Bea:1, Czarina:1, Hazel:1, Irish:1, Jenny:1, Althea:2,
    Andrea:2, Sofia:2, Erika:2, Frances:1, Marian:1, Kyla:1, Trisha:2"""
)

# Given-name compounds: first elements that are often dropped later.
COMPOUND_GIRLS_FIRST = weighted("María:10, Ana:3, Luz:1, Rosa:1")
COMPOUND_BOYS_FIRST = weighted("José:8, Juan:5, Luis:2, Jesús:1, Miguel:1")

# Parents' generation (born ~1970-2000), Mexico-born mostly.
FATHERS = weighted(
    """José:20, Juan:15, Francisco:8, Jesús:8, Antonio:8, Miguel:7, Pedro:5, Manuel:5, Luis:6,
    Martín:5, Javier:4, Alfredo:3, Arturo:3, Ramón:4, Rafael:3, Roberto:4, Salvador:3,
    Sergio:3, Jorge:4, Alejandro:3, Ricardo:3, Fernando:3, Eduardo:3, Carlos:4, Raúl:3,
    Gerardo:3, Guillermo:2, Ignacio:2, Alberto:2, Enrique:2, Rogelio:2, Rigoberto:1,
    Everardo:1, Leonardo:1, Gregorio:1, Margarito:1, Refugio:1, Isidro:1, Cirilo:1, Efraín:1,
    Felipe:2, Gustavo:2, Héctor:2, Víctor:2, Lorenzo:1, Santos:1, Abel:1, Adán:1, Bernardo:1"""
)
MOTHERS = weighted(
    """María:30, Guadalupe:6, Rosa:5, Juana:5, Margarita:3, Teresa:3, Verónica:3, Leticia:3,
    Silvia:3, Patricia:3, Elena:2, Araceli:3, Martha:3, Alicia:2, Angélica:2, Laura:3, Gloria:2,
    Lucía:2, Josefina:2, Irma:2, Rocío:2, Yolanda:2, Norma:2, Adriana:2, Claudia:3, Sandra:2,
    Blanca:2, Carmen:2, Elvira:1, Concepción:1, Dolores:1, Rosario:1, Consuelo:1, Socorro:1,
    Beatriz:1, Graciela:1, Lorena:2, Maribel:2, Maricela:2, Reyna:2, Esperanza:1, Catalina:1,
    Ofelia:1, Imelda:1, Yesenia:1, Erika:1, Marisela:1, Sonia:1, Susana:1, Isabel:2"""
)
MOTHER_COMPOUNDS = weighted(
    """Guadalupe:4, Elena:3, Isabel:2, del Carmen:3, de Jesús:2, de los Ángeles:2, Luisa:2,
    Teresa:1, Dolores:1, Concepción:1, Inés:1, Cristina:1, Alicia:1, Eugenia:1, Magdalena:1"""
)
FATHER_COMPOUNDS = weighted("Luis:3, Antonio:3, Manuel:2, Guadalupe:1, Ángel:2, de Jesús:2")

HMONG_ADULT_MEN = weighted("Tou:3, Kou:3, Chue:2, Pheng:2, Xai:2, Neng:2, Pao:2, Fue:1, Vang:1")
HMONG_ADULT_WOMEN = weighted("Mai:5, Pa:2, Yer:2, Nou:2, Mee:2, Kia:1, Bao:1, Chia:1")
PUNJABI_ADULTS = weighted(
    "Harjit:2, Balwinder:2, Kulwinder:2, Jaswinder:2, Paramjit:2, Sukhwinder:2, Gurmeet:2, "
    "Rajinder:2, Manjit:2, Baljit:2, Hardeep:2, Jasbir:1, Gurdev:1, Surinder:1"
)
FILIPINO_ADULT_MEN = weighted("Jose:3, Rolando:2, Eduardo:2, Romeo:2, Ernesto:2, Danilo:2, Rey:1")
FILIPINO_ADULT_WOMEN = weighted("Maria:4, Rosalinda:2, Teresita:2, Marites:2, Elena:2, Lorna:1")

# Nicknames the child may be entered under. Mostly the ones everyone knows; a few ("Chencho",
# "Nene", "Güero") a matcher cannot be expected to know.
NICKNAMES = {
    "Jesús": ["Chuy", "Chucho"],
    "Francisco": ["Paco", "Pancho", "Frank", "Kiko"],
    "José": ["Pepe", "Joe"],
    "Guillermo": ["Memo", "Willie"],
    "Guadalupe": ["Lupe", "Lupita"],
    "Ignacio": ["Nacho"],
    "Alejandro": ["Alex"],
    "Alejandra": ["Ale", "Alex"],
    "Roberto": ["Beto", "Bob"],
    "Alberto": ["Beto"],
    "Humberto": ["Beto"],
    "Gilberto": ["Beto"],
    "Rigoberto": ["Rigo", "Beto"],
    "Enrique": ["Quique", "Kike"],
    "Eduardo": ["Lalo", "Eddie"],
    "Rosario": ["Chayo"],
    "Dolores": ["Lola"],
    "Manuel": ["Manolo", "Manny"],
    "Refugio": ["Cuca", "Cuco"],
    "Antonio": ["Toño", "Tony"],
    "Luis": ["Wicho"],
    "Rafael": ["Rafa"],
    "Ricardo": ["Richi", "Ricky"],
    "Fernando": ["Nando", "Fer"],
    "Fernanda": ["Fer"],
    "Rodolfo": ["Fito", "Rudy"],
    "Salvador": ["Chava"],
    "Gabriel": ["Gabo"],
    "Gabriela": ["Gaby"],
    "Daniel": ["Danny"],
    "Daniela": ["Dany"],
    "Isabel": ["Chabela"],
    "Elizabeth": ["Liz", "Betty"],
    "Cristina": ["Cris"],
    "Christopher": ["Chris"],
    "Natalia": ["Naty"],
    "Patricia": ["Paty"],
    "Jorge": ["George"],
    "Santiago": ["Santi"],
    "Carlos": ["Charly"],
    "Esteban": ["Steve"],
    "Ernesto": ["Neto"],
    "Andrés": ["Andy"],
    "Miguel": ["Mike"],
    "Javier": ["Javi"],
    "Tomás": ["Tom"],
    "Vicente": ["Chente"],
    "Victoria": ["Vicky"],
    "Sergio": ["Checo"],
    "Samuel": ["Sammy"],
    "Jonathan": ["Johnny"],
    "Juan": ["Juanito"],
    "Sofía": ["Sofi"],
    "Stephanie": ["Steph"],
    "Kimberly": ["Kim"],
    "Abigail": ["Abby"],
    "Nicolás": ["Nico"],
    "Gustavo": ["Tavo"],
    "Mariana": ["Mari"],
    "Lorenzo": ["Chencho"],
    "Crescencio": ["Chencho"],
    "Anthony": ["Tony"],
    "Matthew": ["Matt"],
    "Alexander": ["Alex"],
    "Benjamín": ["Benja"],
    "Leonardo": ["Leo"],
    "Harpreet": ["Harry"],
    "Amandeep": ["Aman"],
    "Navdeep": ["Nav"],
    "Gurpreet": ["Gary"],
    "Maximiliano": ["Max"],
}
UNKNOWN_NICKNAMES = ["Nene", "Güero", "Chino", "Flaco", "Nena", "Baby"]

MEXICAN_PLACES = {
    "Michoacán": ["Zamora", "Uruapan", "Morelia", "Apatzingán", "Sahuayo", "Zitácuaro"],
    "Jalisco": ["Guadalajara", "Tepatitlán", "Ciudad Guzmán", "Autlán", "Ameca"],
    "Guanajuato": ["León", "Celaya", "Irapuato", "Salamanca", "Moroleón"],
    "Oaxaca": [
        "Santiago Juxtlahuaca",
        "Tlaxiaco",
        "San Juan Copala",
        "Oaxaca de Juárez",
        "Huajuapan de León",
        "San Miguel el Grande",
    ],
    "Guerrero": ["Tlapa de Comonfort", "Chilpancingo", "Iguala", "Acapulco", "Metlatónoc"],
    "Zacatecas": ["Fresnillo", "Jerez", "Zacatecas", "Nochistlán"],
    "Puebla": ["Puebla", "Tehuacán", "Atlixco", "Izúcar de Matamoros"],
    "Veracruz": ["Veracruz", "Xalapa", "Córdoba", "Papantla"],
    "Sinaloa": ["Culiacán", "Los Mochis", "Guasave"],
    "Chihuahua": ["Ciudad Juárez", "Chihuahua", "Delicias"],
    "Estado de México": ["Toluca", "Ecatepec", "Nezahualcóyotl"],
    "Hidalgo": ["Pachuca", "Ixmiquilpan", "Huejutla"],
}
MEXICAN_STATE_ABBREVIATIONS = {
    "Michoacán": ["Mich.", "Michoacan de Ocampo", "MICH"],
    "Jalisco": ["Jal.", "JAL"],
    "Guanajuato": ["Gto.", "GTO"],
    "Oaxaca": ["Oax.", "OAX"],
    "Guerrero": ["Gro.", "GRO"],
    "Zacatecas": ["Zac."],
    "Puebla": ["Pue."],
    "Veracruz": ["Ver."],
    "Sinaloa": ["Sin."],
    "Chihuahua": ["Chih."],
    "Estado de México": ["Edo. de México", "Edo Mex", "Mexico"],
    "Hidalgo": ["Hgo."],
}
US_PLACES = {
    "CA": [
        "Salinas",
        "Watsonville",
        "Fresno",
        "Madera",
        "Oxnard",
        "Santa Maria",
        "Delano",
        "Bakersfield",
        "Stockton",
        "Merced",
        "Visalia",
        "Yuba City",
        "Sacramento",
        "Indio",
        "Coachella",
        "King City",
    ],
    "WA": ["Yakima", "Wenatchee", "Pasco", "Mount Vernon", "Sunnyside"],
    "OR": ["Woodburn", "Hood River", "Salem"],
    "FL": ["Immokalee", "Homestead", "Plant City"],
    "TX": ["McAllen", "Pharr", "Weslaco", "El Paso", "Eagle Pass"],
    "NC": ["Dunn", "Clinton", "Mount Olive"],
    "MN": ["Saint Paul", "Minneapolis"],
    "GA": ["Dalton", "Tifton"],
    "MI": ["Holland", "Hart"],
}
US_STATE_NAMES = {
    "CA": "California",
    "WA": "Washington",
    "OR": "Oregon",
    "FL": "Florida",
    "TX": "Texas",
    "NC": "North Carolina",
    "MN": "Minnesota",
    "GA": "Georgia",
    "MI": "Michigan",
}
PUNJAB_PLACES = ["Ludhiana", "Jalandhar", "Amritsar", "Moga", "Bathinda", "Hoshiarpur"]
PHILIPPINE_PLACES = ["Manila", "Cebu City", "Quezon City", "Batangas", "Pampanga", "Ilocos Norte"]
THAI_PLACES = ["Ban Vinai", "Wat Tham Krabok", "Chiang Mai"]
