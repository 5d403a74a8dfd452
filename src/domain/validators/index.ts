// Italian data checks (DESIGN.md 1.5): pure functions shared by the widget and the server.
export * from './address.ts';
export * from './codice-destinatario.ts';
export * from './codice-fiscale.ts';
export * from './email.ts';
export * from './holder.ts';
export * from './partita-iva.ts';
export * from './public-procurement.ts';
