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

  /** The active policy, holding policy changes until the caller's transaction ends (see PolicyInputsRepository). */
  async current(tx: EntityManager): Promise<CompiledPolicy> {
    return this.compiledAt(await this.inputs.currentRevision(tx), tx);
  }

  /** The active policy as last committed, holding nothing: enough to choose a lane. */
  async latest(manager: EntityManager): Promise<CompiledPolicy> {
    return this.compiledAt(await this.inputs.latestRevision(manager), manager);
  }

  private async compiledAt(revision: string, tx: EntityManager): Promise<CompiledPolicy> {
    if (this.cached?.revision !== revision) {
      const inputs = await this.inputs.load(tx);
      this.cached = { revision, policy: compilePolicy(inputs) };
      this.logger.log(`Policy loaded: ruleset version ${inputs.ruleset.version}, revision ${revision}`);
    }
    return this.cached.policy;
  }
}
