// Italian: field messages, help bubbles and e-invoice wording of the form steps. Registered when imported (with the elements that show them).
import { addMessages } from '../registry.ts';

export const itForms = addMessages('it', 'forms', {
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
  'field.email.fatturapa': 'Solo lettere senza accenti, cifre e . _ - +',
  'field.pec.fatturapa': 'Solo lettere senza accenti, cifre e . _ - +',
  'field.password.short': 'La password deve avere almeno 12 caratteri.',
  'field.password.common':
    'Questa password è tra le più usate e facili da indovinare: scegline un’altra.',
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
  'field.holder.type': 'Tipo di intestatario non valido.',
  'invoice.sdi': 'La fattura elettronica sarà inviata al Codice Destinatario {code}.',
  'invoice.pec': 'La fattura elettronica sarà inviata all’indirizzo PEC {pec}.',
  'tip.sdi.label': 'Cos’è il Codice Destinatario?',
  'tip.sdi':
    'È il codice con cui il Sistema di Interscambio recapita le fatture elettroniche. Per aziende e professionisti ha 7 caratteri e te lo dà il tuo software o intermediario di fatturazione; se non lo hai, scegli PEC e indica la casella su cui ricevere la fattura. Una Pubblica Amministrazione indica il suo Codice Univoco Ufficio, di 6 caratteri, pubblicato sull’Indice PA (IPA).',
  'tip.email.label': 'Perché non una PEC?',
  'tip.email':
    'Di norma una casella PEC riceve solo messaggi da altre PEC, quindi l’email di attivazione potrebbe non arrivarti. Usa una casella ordinaria, oppure verifica che la tua PEC sia abilitata a ricevere posta ordinaria.',
  'tip.autorenew.label': 'Che cos’è il rinnovo automatico?',
  'tip.autorenew':
    'Alla scadenza il servizio si rinnova da solo: 7 giorni prima addebitiamo il rinnovo sulla carta o sull’account PayPal scelto, così il servizio non si interrompe. Puoi disattivarlo quando vuoi dall’area clienti.',
  'tip.free.label': 'Perché è gratis?',
  'tip.free':
    'Mancano meno di 3 mesi alla scadenza della casella: il servizio aggiuntivo è attivo gratis fino a quella data, poi si rinnova insieme alla casella.',
});
