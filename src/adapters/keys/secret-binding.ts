/**
 * Where a secret is stored: the table, the column and the row's primary key. With the owner's user id it
 * is the associated data every secret is encrypted with, so a ciphertext only decrypts in the place it was
 * written for: copied to another row, column, table or user it fails authentication.
 */
export interface SecretLocation {
  table: string;
  column: string;
  rowId: string;
}

/** Bumped if the encoding ever changes; a stored row says which binding its ciphertexts use. */
const BINDING_LABEL = 'whatsapp-connect/secret-binding/v1';

/**
 * The associated data for a secret: a JSON array, so no choice of identifiers can make two locations
 * encode to the same bytes (a separator could appear inside a value; JSON escaping rules that out).
 */
export function bindingOf(userId: string, location: SecretLocation): Buffer {
  return Buffer.from(JSON.stringify([BINDING_LABEL, userId, location.table, location.column, location.rowId]), 'utf8');
}
