import { inspect } from 'node:util';

const REDACTED = '(redacted)';

/**
 * A configured secret (a password, a private key). It prints as "(redacted)" however it is
 * logged or serialised, so a config object can never leak one; `reveal()` is the only way out.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
