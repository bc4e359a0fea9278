// Real broker and database: a case waits for records to travel through both, and a
// crashed consumer's partitions take a session timeout to move.
jest.setTimeout(90_000);
