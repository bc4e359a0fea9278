import { Clock } from '@app/config';

/** The engine's and the API's time, moved by the test: times in exact minutes. */
export class TestClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = at;
  }
}
