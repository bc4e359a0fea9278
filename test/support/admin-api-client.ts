import type { Server } from 'node:http';
import request from 'supertest';
import type { ApiRole } from '@app/persistence';

/** supertest against the in-process admin API, with keys of each role at hand. */
export class AdminApiClient {
  private readonly keys = new Map<Exclude<ApiRole, 'subscriber'>, string>();
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
  async keyFor(role: Exclude<ApiRole, 'subscriber'>): Promise<string> {
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
  async as(role: Exclude<ApiRole, 'subscriber'>) {
    return this.withKey(await this.keyFor(role));
  }

  /** Requests of another person with `role` (a key of its own, made once per name): e.g. a second admin for four eyes. */
  async asPerson(name: string, role: Exclude<ApiRole, 'subscriber'>) {
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

  /** Creates a subscriber (as the bootstrap admin) and returns its id. */
  async createSubscriber(name: string, partyIds: string[]): Promise<string> {
    const created = await request(this.server)
      .post('/api/v1/subscribers')
      .set('Authorization', `Bearer ${this.adminKey}`)
      .send({ name, partyIds })
      .expect(201);
    return created.body.id as string;
  }

  /** A new key with role `subscriber`, bound to this subscriber (created by the bootstrap admin key). */
  async subscriberKey(subscriberId: string): Promise<string> {
    const created = await request(this.server)
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${this.adminKey}`)
      .send({ name: `it subscriber ${subscriberId}`, role: 'subscriber', subscriberId })
      .expect(201);
    return created.body.key as string;
  }

  /** Requests authenticated with this key. */
  withKey(key: string) {
    const agent = request(this.server);
    const auth = { Authorization: `Bearer ${key}` };
    return {
      get: (url: string) => agent.get(url).set(auth),
      post: (url: string) => agent.post(url).set(auth),
      put: (url: string) => agent.put(url).set(auth),
      patch: (url: string) => agent.patch(url).set(auth),
      delete: (url: string) => agent.delete(url).set(auth),
    };
  }
}
