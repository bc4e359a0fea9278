import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@app/config';
import { PolicyInputsRepository, RecentDeclarationsRepository, RulesetRepository, RulesetRow } from '@app/persistence';
import { compilePolicy, RulesetValidationError, validateRulesetDocument } from '@app/policy';
import { AuditTrail } from '../audit/audit-trail';
import { RequestActor } from '../auth/principal';
import { IdPageQuery, keysetPage } from '../common/paging';
import { unprocessable } from '../common/validation';
import { compareAssessments } from './ruleset-dry-run';
import { ActivationResult, DryRunResult, RulesetDetailView, RulesetPage, RulesetView } from './rulesets.dto';

function toView(row: RulesetRow): RulesetView {
  return {
    version: row.version,
    active: row.active,
    description: row.document.description ?? null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    activatedAt: row.activatedAt ? row.activatedAt.toISOString() : null,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt ? row.approvedAt.toISOString() : null,
  };
}

const isBeforeVersionCursor = (v: unknown): v is { beforeVersion: number } =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger((v as { beforeVersion?: unknown }).beforeVersion) &&
  (v as { beforeVersion: number }).beforeVersion >= 1 &&
  (v as { beforeVersion: number }).beforeVersion <= 2_147_483_647;

const notFound = (version: number) => new NotFoundException(`No ruleset version ${version}`);

function invalidDocument(errors: RulesetValidationError[]) {
  return unprocessable(
    errors.map((e) => ({ field: e.path || '(document)', message: e.message })),
    'The ruleset document is invalid',
  );
}

/** Ruleset versions: list, create (validated, inactive), dry-run against recent shipments, activate. */
@Injectable()
export class RulesetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rulesets: RulesetRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly recentDeclarations: RecentDeclarationsRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Newest version first. */
  list(query: IdPageQuery): Promise<RulesetPage> {
    return keysetPage(query, {
      isCursor: isBeforeVersionCursor,
      fetch: (limit, cursor) => this.rulesets.page(limit, cursor?.beforeVersion),
      cursorOf: (row) => ({ beforeVersion: row.version }),
      toView,
    });
  }

  async get(version: number): Promise<RulesetDetailView> {
    const row = await this.rulesets.findByVersion(version);
    if (!row) throw notFound(version);
    return { ...toView(row), document: row.document };
  }

  /** `document` is the request body as parsed JSON: the policy library is its only validator. */
  async create(document: unknown, actor: RequestActor): Promise<RulesetView> {
    const validation = validateRulesetDocument(document);
    if (!validation.ok) throw invalidDocument(validation.errors);
    const row = await this.dataSource.transaction(async (tx) => {
      await this.rulesets.lockForChange(tx);
      // The validated copy is stored: defaults filled in, so the version reads the same forever.
      const created = await this.rulesets.insertNextVersion(tx, {
        document: validation.document,
        createdBy: actor.principal.actor,
        createdAt: this.clock.now(),
      });
      await this.audit.record(tx, actor, {
        action: 'ruleset.create',
        targetType: 'ruleset',
        targetId: String(created.version),
        after: { version: created.version, document: created.document },
      });
      return created;
    });
    return toView(row);
  }

  /** Re-decides the declarations of the `limit` most recently changed shipments with both rulesets; writes nothing. */
  async dryRun(version: number, limit: number): Promise<DryRunResult> {
    // One snapshot, so the candidate, the active inputs and the shipments are read as of the same moment.
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const candidate = await this.rulesets.findByVersion(version, tx);
      if (!candidate) throw notFound(version);
      const inputs = await this.policyInputs.load(tx);
      const shipments = await this.recentDeclarations.latest(tx, limit);
      const comparison = compareAssessments(
        shipments,
        compilePolicy(inputs),
        compilePolicy({ ...inputs, ruleset: { version: candidate.version, document: candidate.document } }),
        this.clock.now(),
      );
      return { version, activeVersion: inputs.ruleset.version, ...comparison };
    });
  }

  /**
   * The second pair of eyes: an admin other than the version's author approves it. A
   * self-approval is refused (403) and audited as refused.
   */
  async approve(version: number, actor: RequestActor): Promise<RulesetView> {
    const outcome = await this.dataSource.transaction(async (tx) => {
      await this.rulesets.lockForChange(tx);
      const target = await this.rulesets.findByVersion(version, tx);
      if (!target) throw notFound(version);
      if (target.createdBy === actor.principal.actor) return { selfApproval: true as const };
      if (target.approvedBy) return { selfApproval: false as const, row: target };
      const at = this.clock.now();
      await this.rulesets.approve(tx, version, actor.principal.actor, at);
      await this.audit.record(tx, actor, {
        action: 'ruleset.approve',
        targetType: 'ruleset',
        targetId: String(version),
        before: { approvedBy: null },
        after: { approvedBy: actor.principal.actor, author: target.createdBy },
      });
      return { selfApproval: false as const, row: { ...target, approvedBy: actor.principal.actor, approvedAt: at } };
    });
    if (outcome.selfApproval) {
      await this.dataSource.transaction((tx) =>
        this.audit.record(tx, actor, {
          action: 'ruleset.approve-refused',
          targetType: 'ruleset',
          targetId: String(version),
          reason: 'self-approval: the author of a version may not approve it',
        }),
      );
      throw new ForbiddenException(`Version ${version} was created by ${actor.principal.actor}: another admin must approve it`);
    }
    return toView(outcome.row);
  }

  /**
   * Makes `version` the active ruleset (activating an older one is the rollback). The engine
   * notices by itself: the policy revision trigger moves with the change.
   */
  async activate(version: number, actor: RequestActor): Promise<ActivationResult> {
    return this.dataSource.transaction(async (tx) => {
      await this.rulesets.lockForChange(tx);
      const target = await this.rulesets.findByVersion(version, tx);
      if (!target) throw notFound(version);
      if (target.active) {
        return {
          ruleset: toView(target),
          previousActiveVersion: version,
          changed: false,
          message: `Version ${version} is already active: nothing changed`,
        };
      }
      if (this.config.operatorsWork.rulesetFourEyes && !target.approvedBy) {
        throw new ConflictException(
          `Version ${version} is not approved: an admin other than its author (${target.createdBy}) must approve it first (POST /api/v1/rulesets/${version}/approve)`,
        );
      }
      // Re-validated: the rules of validation may have tightened since the version was stored.
      const validation = validateRulesetDocument(target.document);
      if (!validation.ok) throw invalidDocument(validation.errors);
      const previous = await this.rulesets.findActive(tx);
      const at = this.clock.now();
      await this.rulesets.switchActive(tx, version, at);
      await this.audit.record(tx, actor, {
        action: 'ruleset.activate',
        targetType: 'ruleset',
        targetId: String(version),
        before: previous ? { activeVersion: previous.version } : null,
        after: { activeVersion: version },
      });
      const from = previous ? ` (was ${previous.version})` : '';
      return {
        ruleset: toView({ ...target, active: true, activatedAt: at }),
        previousActiveVersion: previous?.version ?? null,
        changed: true,
        message: `Version ${version} is now active${from}`,
      };
    });
  }
}
