// A tested backend's text reaches the terminal only escaped: control characters (ESC, CSI, BEL,
// CR, backspace, C1 controls, DEL) and bidirectional overrides could rewrite what the report
// says or drive the terminal. They are shown as \xNN / \u{…} instead.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- the same, newlines and tabs included
const CONTROL_AND_NEWLINES = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escapeOne = (char: string) => {
  const code = char.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
};

/** One line of text: every control character escaped, newlines and tabs too. */
export const printableLine = (text: string) => text.replace(CONTROL_AND_NEWLINES, escapeOne);

/** A block of text (a body): control characters escaped, newlines and tabs kept. */
export const printableBlock = (text: string) => text.replace(CONTROL, escapeOne);

/**
 * JSON for the terminal: JSON.stringify escapes C0 controls itself, not DEL, C1 controls or
 * bidirectional overrides; those become \uXXXX escapes, which parse back to the same string.
 */
export const printableJson = (value: unknown) =>
  JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
