import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig, Clock } from '@app/config';
import { ApiKeyRepository } from '@app/persistence';
import { hashApiKey } from './api-key-secret';

/** Registers ADMIN_API_KEY, when set, as an admin key (so a fresh system can be administered). */
@Injectable()
export class BootstrapApiKey implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapApiKey.name);

  constructor(
    private readonly config: AppConfig,
    private readonly keys: ApiKeyRepository,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const key = this.config.admin.bootstrapApiKey;
    if (!key) return;
    const registered = await this.keys.insertIfHashIsNew({
      id: randomUUID(),
      name: 'ADMIN_API_KEY',
      role: 'admin',
      keyHash: hashApiKey(key),
      createdBy: 'bootstrap',
      createdAt: this.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
      expiresAt: null,
      subscriberId: null,
    });
    // Never log the key itself.
    this.logger.log(registered ? 'ADMIN_API_KEY registered as an admin key' : 'ADMIN_API_KEY is already registered');
  }
}
