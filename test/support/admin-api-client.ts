import type { Server } from 'node:http';
import request from 'supertest';
import type { ApiRole } from '@app/persistence';

/** supertest against the in-process admin API, with keys of each role at hand. */
export class AdminApiClient {
  private readonly keys = new Map<ApiRole, string>();
  private readonly people = new Map<string, string>();

  constructor(
    readonly server: Server,
    readonly adminKey: string,
  ) {
    this.keys.set('admin', adminKey);
  }

  /** A request without credentials. */
  anonymous() {
    return request(this.server);
  }

  /** A key of this role (created once through the API by the bootstrap admin key). */
  async keyFor(role: ApiRole): Promise<string> {
    let key = this.keys.get(role);
    if (!key) {
      const created = await request(this.server)
        .post('/api/v1/api-keys')
        .set('Authorization', `Bearer ${this.adminKey}`)
        .send({ name: `it ${role}`, role })
        .expect(201);
      key = created.body.key as string;
      this.keys.set(role, key);
    }
    return key;
  }

  /** Requests authenticated with a key of `role`. */
  async as(role: ApiRole) {
    return this.withKey(await this.keyFor(role));
  }

  /** Requests of another person with `role` (a key of its own, made once per name): e.g. a second admin for four eyes. */
  async asPerson(name: string, role: ApiRole) {
    let key = this.people.get(name);
    if (!key) {
      const created = await request(this.server)
        .post('/api/v1/api-keys')
        .set('Authorization', `Bearer ${this.adminKey}`)
        .send({ name: `it ${name}`, role })
        .expect(201);
      key = created.body.key as string;
      this.people.set(name, key);
    }
    return this.withKey(key);
  }

  private withKey(key: string) {
    const agent = request(this.server);
    const auth = { Authorization: `Bearer ${key}` };
    return {
      get: (url: string) => agent.get(url).set(auth),
      post: (url: string) => agent.post(url).set(auth),
      put: (url: string) => agent.put(url).set(auth),
      delete: (url: string) => agent.delete(url).set(auth),
    };
  }
}
