// Field rule codes (src/domain/errors.ts) and backend error codes, in Italian.
export const itErrors = {
  'field.required': 'Campo obbligatorio.',
  'field.too_long': 'Il testo è troppo lungo: al massimo {max} caratteri.',
  'field.text.control': 'Il testo contiene caratteri di controllo invisibili: toglili.',
  'field.piva.format': 'La Partita IVA è composta da 11 cifre.',
  'field.piva.checksum': 'Partita IVA non valida: controlla le cifre.',
  'field.cf.format': 'Il Codice Fiscale ha 16 caratteri (11 cifre per le società).',
  'field.cf.checksum': 'Codice Fiscale non valido: controlla i caratteri.',
  'field.cf.invalid':
    'Codice Fiscale non valido: controlla lettere, data di nascita e codice del comune.',
  'field.sdi.format': 'Il Codice Destinatario ha 7 caratteri (6 per la Pubblica Amministrazione).',
  'field.sdi.none':
    '0000000 vuol dire «nessun codice»: scegli PEC e indica l’indirizzo su cui ricevere la fattura.',
  'field.sdi.foreign': 'XXXXXXX vale solo per i destinatari esteri.',
  'field.sdi.pa_format': 'Codice Ufficio PA non valido: copialo dall’IPA.',
  'field.sdi.pa_holder': 'Un codice di 6 caratteri è di un ufficio PA: scegli Azienda.',
  'field.cig.format': 'Il CIG ha 10 caratteri.',
  'field.cup.format': 'Il CUP ha 15 caratteri.',
  'field.pa.only': 'CIG e CUP solo per la Pubblica Amministrazione.',
  'field.cap.format': 'Il CAP è composto da 5 cifre.',
  'field.province.unknown': 'Sigla della provincia non riconosciuta (es. TO, MI, RM).',
  'field.email.format': 'Indirizzo email non valido.',
  'field.pec.format': 'Indirizzo PEC non valido.',
<<<<<<< HEAD
  'field.password.short': 'La password deve avere almeno 12 caratteri.',
  'field.password.common':
    'Questa password è tra le più usate e facili da indovinare: scegline un’altra.',
=======
  'field.email.fatturapa': 'Solo lettere senza accenti, cifre e . _ - +',
  'field.pec.fatturapa': 'Solo lettere senza accenti, cifre e . _ - +',
  'field.password.short': 'La password deve avere almeno 8 caratteri.',
>>>>>>> main
  'field.terms.required': 'Per proseguire accetta le condizioni generali di contratto.',
  'field.topup.min': 'La ricarica deve essere almeno pari al minimo indicato.',
  'field.topup.max': 'La ricarica può essere al massimo di 10.000,00 €.',
  'field.topup.zero':
    'Con la carta indica una ricarica maggiore di zero, oppure paga con il credito disponibile.',
  'field.payment.method': 'Scegli un metodo di pagamento.',
  'field.payment.saved.unknown': 'Il metodo di pagamento salvato non è più disponibile.',
  'field.return_url.required': 'Indirizzo di ritorno mancante.',
  'field.selection.product.unknown': 'Prodotto non disponibile.',
  'field.selection.plan.unknown': 'Piano non disponibile.',
  'field.selection.addon.unknown': 'Servizio aggiuntivo non disponibile.',
  'field.selection.addon.not_on_plan':
    'Questo servizio aggiuntivo non è disponibile con il piano scelto.',
  'field.selection.addon.duplicate': 'Servizio aggiuntivo ripetuto.',
  'field.selection.addon.integer': 'Indica un numero intero non negativo.',
  'field.selection.addon.active': 'Questo servizio è già attivo sulla casella scelta.',
  'field.selection.addon.min': 'Quantità inferiore al minimo.',
  'field.selection.addon.max': 'Quantità oltre il massimo consentito.',
  'field.selection.addon.step': 'La quantità non rispetta il taglio previsto.',
  'field.selection.years': 'Scegli una durata di 1 o 2 anni.',
  'field.selection.subscription.required': 'Scegli la casella a cui aggiungere i servizi.',
  'field.selection.subscription.unknown': 'Casella non trovata.',
  'field.selection.subscription.expired':
    'La casella è scaduta: rinnovala prima di aggiungere servizi.',
  'field.holder.type': 'Tipo di intestatario non valido.',
  'field.invalid': 'Valore non valido.',
  'warning.email.looks_pec':
    'Sembra una casella PEC: potrebbe non ricevere l’email di attivazione.',
  'error.network': 'Non riusciamo a contattare il server. Controlla la connessione e riprova.',
  'error.timeout': 'Il server non ha risposto in tempo. Riprova.',
  'error.invalid_response': 'Il server ha inviato una risposta inattesa. Riprova tra poco.',
  'error.unauthorized': 'La sessione è scaduta: accedi di nuovo. I dati inseriti restano.',
  'error.forbidden': 'Operazione non consentita per questo account.',
  'error.ineligible_customer':
    'Questo account è registrato come persona fisica senza Partita IVA: il servizio è riservato ad aziende e professionisti con Partita IVA.',
  'error.invalid_selection': 'Alcuni dati non sono validi: controlla i campi evidenziati.',
  'error.price_changed': 'Il prezzo è cambiato. Controlla il nuovo totale e conferma di nuovo.',
  'error.payment_refused': 'Il pagamento è stato rifiutato. Prova con un altro metodo.',
  'error.payment_cancelled':
    'Il pagamento è stato annullato. Puoi confermare di nuovo o scegliere un altro metodo.',
  'error.not_found': 'Risorsa non trovata.',
  'error.rate_limited': 'Troppi tentativi. Attendi qualche minuto e riprova.',
  'error.server': 'Si è verificato un errore del server. Riprova.',
  'action.retry': 'Riprova',
};
