// Every dictionary module of both languages at once: for a server, which answers in either language
// from its first request (the widget loads them by step instead).
import './it/frame.ts';
import './it/addons.ts';
import './it/account.ts';
import './it/mailbox.ts';
import './it/holder.ts';
import './it/forms.ts';
import './it/summary.ts';
import './it/result.ts';
import './en/frame.ts';
import './en/addons.ts';
import './en/account.ts';
import './en/mailbox.ts';
import './en/holder.ts';
import './en/forms.ts';
import './en/summary.ts';
import './en/result.ts';
