// Italian: the add-ons step. Registered when imported (with the elements that show them).
import { addMessages } from '../registry.ts';

export const itAddons = addMessages('it', 'addons', {
  'addon.yearly': '{price} + IVA/anno',
  'addon.per.user': 'per utente',
  'addon.per.external-user': 'per utente esterno',
  'addon.per.gb': 'per GB',
  'addon.per.step': 'ciascuno',
  'addon.steps': 'A pacchetti di {step} utenti',
  'addon.steps.gb': 'Tagli da {step} GB',
  'addon.max.user': 'fino a {max} utenti in più',
  'addon.max': 'massimo {max}',
  'addon.flag': '1 GB per una singola casella',
  'addon.unavailable': 'non disponibile con la versione scelta',
  'addon.less': 'Diminuisci: {name}',
  'addon.more': 'Aumenta: {name}',
  'checkout.addons.none': 'Scegli almeno un servizio aggiuntivo.',
  'addon.unit.user': 'utenti',
  'addon.unit.external-user': 'utenti esterni',
  'addon.unit.gb': 'GB',
  'addon.error.max': 'Al massimo {max} {unit}.',
  'addon.error.min': 'Almeno {min} {unit}.',
  'addon.error.step': 'Si aggiunge a multipli di {step} {unit}: per esempio {a} o {b}.',
});
