import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PolicyInputsRepository } from '@app/persistence';
import { compilePolicy, CompiledPolicy } from '@app/policy';

/**
 * The compiled active policy, re-read only when the policy revision moved (a ruleset was
 * activated, a list or the watchlist changed), so every batch decides with current rules.
 */
@Injectable()
export class ActivePolicy {
  private readonly logger = new Logger(ActivePolicy.name);
  private cached: { revision: string; policy: CompiledPolicy } | null = null;

  constructor(private readonly inputs: PolicyInputsRepository) {}

  async current(tx: EntityManager): Promise<CompiledPolicy> {
    const revision = await this.inputs.currentRevision(tx);
    if (this.cached?.revision !== revision) {
      const inputs = await this.inputs.load(tx);
      this.cached = { revision, policy: compilePolicy(inputs) };
      this.logger.log(`Policy loaded: ruleset version ${inputs.ruleset.version}, revision ${revision}`);
    }
    return this.cached.policy;
  }
}
