/** The name of the hidden field that carries a desk form's token (guard.ts checks it). */
export const FORM_TOKEN_FIELD = '_token';
