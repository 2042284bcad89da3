"""Spanish for the family's documents (backend/campo/documents): the certificate and the letter.

Written for families: clear, respectful, addressed as usted. Apply with
``.venv/bin/python translations/fill.py translations/documents_es.py``.
"""

ES = {
    # Every page.
    "Page %(page)s of %(pages)s": "Página %(page)s de %(pages)s",
    "Migrant Education Program, State of %(state)s": (
        "Programa de Educación Migrante, Estado de %(state)s"
    ),
    "Migrant Education Program": "Programa de Educación Migrante",
    "State of %(state)s": "Estado de %(state)s",
    "Document no.": "Documento n.º",
    "Certificate ID": "ID del certificado",
    "Not applicable": "No corresponde",
    "Yes": "Sí",
    "No": "No",
    # The certificate.
    "Family copy of the approved certificate of eligibility": (
        "Copia para la familia del certificado de elegibilidad aprobado"
    ),
    "Approved on": "Aprobado el",
    "Form version": "Versión del formulario",
    "Migrant Education Program, Title I, Part C of the Elementary and Secondary Education Act": (
        "Programa de Educación Migrante, Título I, Parte C de la Ley de Educación Primaria y "
        "Secundaria"
    ),
    "Family copy": "Copia para la familia",
    "Part I. Required data elements": "Parte I. Datos obligatorios",
    # The national form's own abbreviation of "Multiple Birth Flag"; kept as is.
    "MB": "MB",
    "Code": "Código",
    "Statewide student number": "Número estatal de estudiante",
    "Eligible until": "Elegible hasta",
    "MB: multiple birth (twins, triplets).": "MB: parto múltiple (gemelos, trillizos).",
    "Code: how the birth date was verified": "Código: cómo se verificó la fecha de nacimiento",
    "Information that the State of %(state)s asks for, beyond the national form.": (
        "Información que pide el Estado de %(state)s, además del formulario nacional."
    ),
    "Part II. Required data sections": "Parte II. Secciones obligatorias",
    "No comments.": "Sin comentarios.",
    "Signature of the person interviewed": "Firma de la persona entrevistada",
    "Date signed": "Fecha de la firma",
    "Place of the interview": "Lugar de la entrevista",
    "Signature of the recruiter": "Firma del reclutador",
    "Recruiter": "Reclutador",
    "Signature of the designated reviewer": "Firma del revisor designado",
    "Designated reviewer": "Revisor designado",
    "Date of approval": "Fecha de aprobación",
    "Signed in %(language)s. The text signed:": "Firmado en %(language)s. El texto firmado:",
    "Signature of %(name)s": "Firma de %(name)s",
    "No valid signature on file": "No hay una firma válida archivada",
    "Signed; the drawing of the signature is not on file": (
        "Firmado; el trazo de la firma no está archivado"
    ),
    "Checking this copy": "Cómo verificar esta copia",
    "This copy was printed from the certificate on file. The code below is the SHA-256 digest of "
    "the certificate’s content exactly as it was signed: the program can compare it with its "
    "records to confirm that a printed copy is genuine and unchanged.": (
        "Esta copia se imprimió a partir del certificado archivado. El código de abajo es el "
        "resumen SHA-256 del contenido del certificado, exactamente como se firmó: el programa "
        "puede compararlo con sus registros para confirmar que una copia impresa es auténtica y "
        "no ha sido modificada."
    ),
    # The letter.
    "Confirmation of eligibility": "Confirmación de elegibilidad",
    "Letter confirming that the children are eligible for the Migrant Education Program": (
        "Carta que confirma que los niños son elegibles para el Programa de Educación Migrante"
    ),
    "Telephone": "Teléfono",
    "Your children are eligible for the Migrant Education Program": (
        "Sus hijos son elegibles para el Programa de Educación Migrante"
    ),
    "Dear %(family)s family:": "Estimada familia %(family)s:",
    "Dear family:": "Estimada familia:",
    "We are glad to tell you that on %(date)s the State of %(state)s approved your family’s "
    "certificate of eligibility. The children named below are eligible for the Migrant "
    "Education Program until the date shown for each of them.": (
        "Nos da gusto informarle que el %(date)s el Estado de %(state)s aprobó el certificado de "
        "elegibilidad de su familia. Los niños que se nombran abajo son elegibles para el "
        "Programa de Educación Migrante hasta la fecha indicada para cada uno."
    ),
    "Child": "Niño o niña",
    "Each child keeps the same statewide student number wherever your family lives. Please keep "
    "this letter with your important papers and show it when you enroll your children in a "
    "school or a program. Eligibility ends sooner if a child earns a high school diploma or its "
    "equivalent. If your family moves again for agricultural or fishing work, call us: your "
    "children may qualify again.": (
        "Cada niño conserva el mismo número estatal de estudiante dondequiera que viva su "
        "familia. Guarde esta carta con sus papeles importantes y muéstrela cuando inscriba a "
        "sus hijos en una escuela o en un programa. La elegibilidad termina antes si un niño "
        "obtiene el diploma de preparatoria o su equivalente. Si su familia se muda otra vez por "
        "trabajo agrícola o pesquero, llámenos: es posible que sus hijos vuelvan a calificar."
    ),
    "What the program offers": "Lo que ofrece el programa",
    "Depending on the needs of each child and on what is offered where you live, the program "
    "can provide, free of charge:": (
        "Según las necesidades de cada niño y lo que se ofrezca donde usted vive, el programa "
        "puede darles, sin costo:"
    ),
    "tutoring and help with school work;": "tutorías y ayuda con las tareas escolares;",
    "summer school and programs during school breaks;": (
        "escuela de verano y programas durante las vacaciones escolares;"
    ),
    "help getting health, dental and vision care;": (
        "ayuda para recibir atención médica, dental y de la vista;"
    ),
    "preschool for young children;": "preescolar para los niños pequeños;",
    "help toward high school graduation, and guidance toward college and careers.": (
        "apoyo para terminar la preparatoria, y orientación para la universidad y las carreras."
    ),
    "Whom to call": "A quién llamar",
    "For any question, call the Migrant Education Program of your region:": (
        "Si tiene alguna pregunta, llame al Programa de Educación Migrante de su región:"
    ),
    "For any question, contact the Migrant Education Program of your region through your "
    "children’s school:": (
        "Si tiene alguna pregunta, comuníquese con el Programa de Educación Migrante de su "
        "región por medio de la escuela de sus hijos:"
    ),
    "The recruiter who visited your family was %(name)s.": (
        "La persona del programa que visitó a su familia fue %(name)s."
    ),
    "Your information and your rights": "Su información y sus derechos",
    "The program keeps the information on your certificate: your children’s names and birth "
    "dates, your address, the move and the work that made them eligible, and the signatures. It "
    "is kept so that your children can receive services, and so that their school records can "
    "follow them when your family moves, through the national Migrant Student Information "
    "Exchange (MSIX). It is shared only with schools and education programs, to serve your "
    "children.": (
        "El programa guarda la información de su certificado: los nombres y las fechas de "
        "nacimiento de sus hijos, su dirección, la mudanza y el trabajo que los hicieron "
        "elegibles, y las firmas. Se guarda para que sus hijos puedan recibir servicios y para "
        "que sus registros escolares los acompañen cuando su familia se mude, por medio del "
        "Intercambio de Información de Estudiantes Migrantes (MSIX), un sistema nacional. Solo "
        "se comparte con escuelas y programas educativos, para atender a sus hijos."
    ),
    "This information is never used for immigration purposes. The program does not ask about "
    "or keep anyone’s immigration status.": (
        "Esta información nunca se usa con fines de inmigración. El programa no pregunta por la "
        "situación migratoria de nadie ni la guarda."
    ),
    "Under the Family Educational Rights and Privacy Act (FERPA), you have the right to see your "
    "children’s education records and to ask that anything that is wrong be corrected. To do "
    "so, contact the program at the number or school above.": (
        "Según la Ley de Derechos Educativos y Privacidad de la Familia (FERPA), usted tiene "
        "derecho a ver los registros educativos de sus hijos y a pedir que se corrija cualquier "
        "dato equivocado. Para hacerlo, comuníquese con el programa al número o por medio de la "
        "escuela que se indican arriba."
    ),
    "Sincerely,": "Atentamente,",
    "Designated reviewer, Migrant Education Program": (
        "Revisor designado, Programa de Educación Migrante"
    ),
    "Checking this letter": "Cómo verificar esta carta",
    "Letter %(number)s confirms the certificate of eligibility whose signed content has the "
    "SHA-256 code below. The program can compare this code with its records.": (
        "La carta %(number)s confirma el certificado de elegibilidad cuyo contenido firmado tiene "
        "el código SHA-256 de abajo. El programa puede comparar este código con sus registros."
    ),
}
