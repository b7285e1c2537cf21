/** The one shape of a domain outcome across `src/lib`: a value, or an error the caller can act on. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** A successful result. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** A failed result. */
export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** A failure described by a message alone (what happened, in words for the user). */
export interface MessageError {
  message: string;
}
