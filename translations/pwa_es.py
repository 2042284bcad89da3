"""Spanish for the tablet app's words (pwa/src/**.js, extracted with `-k t`).

Apply with: .venv/bin/python translations/fill.py translations/pwa_es.py
Recruiters and families are addressed as usted: clear, short, respectful.
"""

ES = {
    "Family without a name yet": "Familia todavía sin nombre",
    "Child %(number)s": "Niño o niña %(number)s",
    "This answer is too long.": "Esta respuesta es demasiado larga.",
    "Choose yes or no.": "Elija sí o no.",
    "Choose one of the options.": "Elija una de las opciones.",
    "Add at least one child.": "Agregue por lo menos un niño o niña.",
    "There are too many entries here.": "Aquí hay demasiadas entradas.",
    "This part of the certificate could not be read.": (
        "No se pudo leer esta parte del certificado."
    ),
    "This signature is missing.": "Falta esta firma.",
    "The signature is empty. Please sign again.": "La firma está vacía. Firme de nuevo, por favor.",
    "The signature goes off the pad. Please sign again.": (
        "La firma se sale del recuadro. Firme de nuevo, por favor."
    ),
    "That is only a dot. Please sign with your full signature.": (
        "Eso es solo un punto. Firme con su firma completa, por favor."
    ),
    "That is only a straight line. Please sign with your full signature.": (
        "Eso es solo una línea recta. Firme con su firma completa, por favor."
    ),
    "Interviewee's signature": "Firma de la persona entrevistada",
    "Recruiter's signature": "Firma del reclutador",
    "Clear and sign again": "Borrar y firmar de nuevo",
    "Signed. Thank you.": "Firmado. Gracias.",
    "Sign inside the box with a finger or a stylus.": (
        "Firme dentro del recuadro con el dedo o con un lápiz táctil."
    ),
    "Keep signing: a full signature is needed.": "Siga firmando: se necesita la firma completa.",
    "The signature could not be used. Please clear it and sign again.": (
        "No se pudo usar la firma. Bórrela y firme de nuevo, por favor."
    ),
    "Choose…": "Elija…",
    "(required)": "(obligatorio)",
    "Language": "Idioma",
    "Checking connection…": "Revisando la conexión…",
    "Sending…": "Enviando…",
    "Online": "En línea",
    "Offline: work is saved on this tablet": "Sin conexión: el trabajo se guarda en esta tableta",
    "Certificates not sent yet: %(count)s": "Certificados que aún no se envían: %(count)s",
    "They stay on this tablet, and are sent after you sign in again. "
    "Nobody else can see them in Campo.": (
        "Se quedan en esta tableta y se envían cuando usted vuelva a iniciar sesión. "
        "Nadie más puede verlos en Campo."
    ),
    "Sign out and keep them": "Cerrar sesión y conservarlos",
    "Sign out": "Cerrar sesión",
    "A new version of Campo is ready. Your work is saved: switch when it suits you.": (
        "Hay una nueva versión de Campo. Su trabajo está guardado: cámbiese cuando le convenga."
    ),
    "Use the new version": "Usar la nueva versión",
    "Your sign-in has expired. Sign in again to send your certificates. Nothing is lost.": (
        "Su sesión venció. Vuelva a iniciar sesión para enviar sus certificados. No se pierde nada."
    ),
    "Sign in": "Iniciar sesión",
    "This browser has not promised to keep Campo's data. Send certificates when you can, "
    "and install Campo on the home screen.": (
        "Este navegador no garantiza que conservará los datos de Campo. Envíe los certificados "
        "cuando pueda e instale Campo en la pantalla de inicio."
    ),
    "Waiting to send": "En espera de envío",
    "Will try again": "Se intentará de nuevo",
    "Waiting for sign-in": "Espera el inicio de sesión",
    "Needs correction": "Necesita corrección",
    "Changed elsewhere": "Cambiado en otro lugar",
    "Saved on the server, not submitted": "Guardado en el servidor, sin presentar",
    "Submitted: waiting for review": "Presentado: en espera de revisión",
    "Approved": "Aprobado",
    "Returned for correction": "Devuelto para corregir",
    "Not approved": "No aprobado",
    "The server could not be reached. Campo tries again by itself (next try %(time)s).": (
        "No se pudo conectar con el servidor. Campo volverá a intentarlo solo "
        "(próximo intento: %(time)s)."
    ),
    "Sign in again to send it. It stays safe on this tablet.": (
        "Vuelva a iniciar sesión para enviarlo. Queda seguro en esta tableta."
    ),
    "The server did not accept it. Open it, correct what is marked, and queue it again.": (
        "El servidor no lo aceptó. Ábralo, corrija lo señalado y vuelva a ponerlo en la cola."
    ),
    "The server holds a different version of this certificate. "
    "Call your supervisor before changing it.": (
        "El servidor tiene otra versión de este certificado. "
        "Llame a su supervisor antes de cambiarlo."
    ),
    "It is sent as soon as there is a connection.": "Se envía en cuanto haya conexión.",
    "No connection to the server. Your certificates are safe and wait here.": (
        "No hay conexión con el servidor. Sus certificados están seguros y esperan aquí."
    ),
    "Another Campo window is sending right now.": "Otra ventana de Campo está enviando ahora.",
    "Send now": "Enviar ahora",
    "Queued %(time)s": "En cola desde %(time)s",
    "Correct": "Corregir",
    "Outbox": "Por enviar",
    "Last sync: %(time)s": "Última sincronización: %(time)s",
    "Not synced yet on this tablet.": "Todavía no se sincroniza en esta tableta.",
    "Nothing is waiting to be sent.": "No hay nada pendiente de envío.",
    "Delete this draft?": "¿Borrar este borrador?",
    "The answers and signatures of this draft are erased from this tablet. "
    "This cannot be undone.": (
        "Las respuestas y las firmas de este borrador se borran de esta tableta. "
        "No se puede deshacer."
    ),
    "Delete the draft": "Borrar el borrador",
    "No children entered yet": "Todavía no hay niños anotados",
    "Edited %(time)s": "Editado %(time)s",
    "Returned by the reviewer: correct it, sign again and queue it.": (
        "Devuelto por el revisor: corríjalo, firme de nuevo y póngalo en la cola."
    ),
    "Drafts": "Borradores",
    "No drafts. Start a new certificate when you meet a family.": (
        "No hay borradores. Empiece un certificado nuevo cuando visite a una familia."
    ),
    "This certificate can only be opened with a connection.": (
        "Este certificado solo se puede abrir con conexión."
    ),
    "Family": "Familia",
    "Children: %(count)s": "Niños: %(count)s",
    "Submitted %(date)s": "Presentado el %(date)s",
    "Correct and resend": "Corregir y volver a enviar",
    "Sent and returned": "Enviados y devueltos",
    "Certificates you send appear here with the reviewer's decision.": (
        "Los certificados que envíe aparecen aquí con la decisión del revisor."
    ),
    "Home": "Inicio",
    "The form is not on this tablet yet. Connect once to download it.": (
        "El formulario todavía no está en esta tableta. Conéctese una vez para descargarlo."
    ),
    "Hello, %(name)s": "Hola, %(name)s",
    "Certificates of Eligibility on this tablet": "Certificados de Elegibilidad en esta tableta",
    "New certificate": "Certificado nuevo",
    "Enter your username and password.": "Escriba su usuario y su contraseña.",
    "Signing in…": "Iniciando sesión…",
    "There is no connection. The first sign-in needs one; after that Campo works offline.": (
        "No hay conexión. El primer inicio de sesión la necesita; después, Campo funciona "
        "sin conexión."
    ),
    "The username or password is not right. Please try again.": (
        "El usuario o la contraseña no son correctos. Vuelva a intentarlo, por favor."
    ),
    "This account cannot sign in. Please call your regional office.": (
        "Esta cuenta no puede iniciar sesión. Llame a su oficina regional, por favor."
    ),
    "Campo could not sign you in right now. Please try again in a moment.": (
        "Campo no pudo iniciar su sesión ahora. Vuelva a intentarlo en un momento, por favor."
    ),
    "Username": "Usuario",
    "Password": "Contraseña",
    "Migrant Education Program: recruitment and eligibility": (
        "Programa de Educación Migrante: reclutamiento y elegibilidad"
    ),
    "Sign in again to send the certificates waiting on this tablet. Nothing is lost.": (
        "Vuelva a iniciar sesión para enviar los certificados que esperan en esta tableta. "
        "No se pierde nada."
    ),
    "Sign in once with a connection. After that, Campo works without signal, "
    "and sends your certificates when the connection comes back.": (
        "Inicie sesión una vez con conexión. Después, Campo funciona sin señal y envía sus "
        "certificados cuando vuelve la conexión."
    ),
    "Interview and signatures": "Entrevista y firmas",
    "Review and send": "Revisar y enviar",
    "Saved on this tablet": "Guardado en esta tableta",
    "Saving…": "Guardando…",
    "An answer changed after signing, so the signatures were cleared. "
    "Please sign again before sending.": (
        "Una respuesta cambió después de firmar, así que se borraron las firmas. "
        "Firmen de nuevo antes de enviar, por favor."
    ),
    "Please check": "Revise, por favor",
    "Must be corrected": "Debe corregirse",
    "Eligibility check": "Revisión de elegibilidad",
    "Nothing to correct in this part so far.": "Por ahora no hay nada que corregir en esta parte.",
    "Eligible until %(date)s, if everything else is in order.": (
        "Elegible hasta el %(date)s, si todo lo demás está en orden."
    ),
    "Remove %(name)s from this certificate?": "¿Quitar a %(name)s de este certificado?",
    "The answers about this child are erased.": "Se borran las respuestas sobre este niño o niña.",
    "Remove the child": "Quitar al niño o niña",
    "Add another child": "Agregar otro niño o niña",
    "Remove this child": "Quitar a este niño o niña",
    "The answers changed after signing, so the signatures were cleared. "
    "The interviewee and the recruiter must sign again.": (
        "Las respuestas cambiaron después de firmar, así que se borraron las firmas. "
        "La persona entrevistada y el reclutador deben firmar de nuevo."
    ),
    "Language of the interview": "Idioma de la entrevista",
    "Likely the same child": "Probablemente es el mismo niño o niña",
    "Possibly the same child": "Posiblemente es el mismo niño o niña",
    "Unlikely to be the same child": "Es poco probable que sea el mismo niño o niña",
    "Female": "Femenino",
    "Male": "Masculino",
    "Name": "Nombre",
    "Birth date": "Fecha de nacimiento",
    "Sex": "Sexo",
    "Birth place": "Lugar de nacimiento",
    "Student number": "Número de estudiante",
    "Match": "Coincidencia",
    "What you entered, beside children the program already knows": (
        "Lo que usted anotó, junto a los niños que el programa ya conoce"
    ),
    "Entered now": "Anotado ahora",
    "Known child %(number)s": "Niño conocido %(number)s",
    "Decision": "Decisión",
    "New child": "Niño nuevo",
    "Same child": "El mismo niño",
    "Is any child already known to the program?": "¿El programa ya conoce a alguno de los niños?",
    "%(name)s: enter the name and birth date to check.": (
        "%(name)s: anote el nombre y la fecha de nacimiento para revisar."
    ),
    "No known child matches. A student number is issued when the certificate is approved.": (
        "No coincide con ningún niño conocido. Se asigna un número de estudiante cuando se "
        "aprueba el certificado."
    ),
    "No connection: the check runs on the server when the certificate arrives, "
    "and the reviewer sees its result.": (
        "No hay conexión: la revisión se hace en el servidor cuando llegue el certificado, "
        "y el revisor verá el resultado."
    ),
    "Go to it": "Ir ahí",
    "Queued. It is sent as soon as there is a connection.": (
        "En la cola. Se envía en cuanto haya conexión."
    ),
    "The reviewer returned this certificate: %(comment)s": (
        "El revisor devolvió este certificado: %(comment)s"
    ),
    "Ready to send": "Listo para enviar",
    "Not ready yet. Things to correct: %(count)s": (
        "Todavía no está listo. Cosas por corregir: %(count)s"
    ),
    "Everything required is answered and signed, and no eligibility rule fails.": (
        "Todo lo obligatorio está contestado y firmado, y ninguna regla de elegibilidad falla."
    ),
    "Correct each item below. The server checks the same rules.": (
        "Corrija cada punto de abajo. El servidor aplica las mismas reglas."
    ),
    "The server asked for these corrections": "El servidor pidió estas correcciones",
    "Please check (the reviewer sees these)": "Revise, por favor (el revisor los verá)",
    "Children and eligibility": "Niños y elegibilidad",
    "Age on arrival": "Edad al llegar",
    "End of eligibility": "Fin de la elegibilidad",
    "Eligible today": "Elegible hoy",
    "School year: %(year)s": "Ciclo escolar: %(year)s",
    "Queue for sending": "Poner en la cola de envío",
    "It stays on this tablet until the server confirms it, with or without a connection now.": (
        "Se queda en esta tableta hasta que el servidor lo confirme, haya conexión ahora o no."
    ),
    "The button works once everything above is corrected and both people have signed.": (
        "El botón funciona cuando todo lo de arriba esté corregido y las dos personas hayan "
        "firmado."
    ),
    "Steps of the certificate": "Pasos del certificado",
    "This certificate is in the outbox.": "Este certificado está en la cola de envío.",
    "This certificate is not on this tablet.": "Este certificado no está en esta tableta.",
    "The form for this certificate is not on this tablet. Connect once to download it.": (
        "El formulario de este certificado no está en esta tableta. Conéctese una vez para "
        "descargarlo."
    ),
    "Certificate of Eligibility": "Certificado de Elegibilidad",
    "Step %(number)s of %(total)s": "Paso %(number)s de %(total)s",
    "Back": "Atrás",
    "Next": "Siguiente",
    "Cancel": "Cancelar",
    "Continue": "Continuar",
}
