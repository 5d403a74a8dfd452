// The password rule shared by the registration form and the server: at least 12 characters
// (counted as code points, so an emoji counts once). The server also refuses a password found
// in a list of common passwords (`password.common`); that list is too large for the widget.
export const MIN_PASSWORD_LENGTH = 12;

/** `password.short` when the password is under the minimum, else undefined. */
export function passwordLengthError(password: string): 'password.short' | undefined {
  return [...password].length < MIN_PASSWORD_LENGTH ? 'password.short' : undefined;
}
