import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RULE_KINDS } from '@app/policy';
import { Actor, RequestActor, RequireRole } from '../auth/principal';
import { IdPageQuery } from '../common/paging';
import {
  ActivationResult,
  DEFAULT_DRY_RUN_LIMIT,
  DryRunQuery,
  DryRunResult,
  RulesetDetailView,
  RulesetPage,
  RulesetVersionParam,
  RulesetView,
} from './rulesets.dto';
import { RulesetsService } from './rulesets.service';

@ApiTags('rulesets')
@ApiBearerAuth()
@Controller('api/v1/rulesets')
export class RulesetsController {
  constructor(private readonly rulesets: RulesetsService) {}

  /** Newest version first, without documents. */
  @Get()
  @RequireRole('viewer')
  @ApiOkResponse({ type: RulesetPage })
  list(@Query() query: IdPageQuery): Promise<RulesetPage> {
    return this.rulesets.list(query);
  }

  @Get(':version')
  @RequireRole('viewer')
  get(@Param() { version }: RulesetVersionParam): Promise<RulesetDetailView> {
    return this.rulesets.get(Number(version));
  }

  /**
   * The body is a whole ruleset document. It is typed `unknown` on purpose: the global
   * ValidationPipe leaves Object-typed bodies alone, and validateRulesetDocument (422 with
   * every error and its path) is the one validator of rulesets.
   */
  @Post()
  @RequireRole('admin')
  @ApiBody({
    description:
      'A ruleset document: { description?, rules: [{ id, kind, enabled, outcome?, disclosure?, params }] }; ' +
      `kind is one of ${RULE_KINDS.join(', ')}; each kind's params: docs/contract.md#rules-are-data`,
    schema: { type: 'object' },
  })
  create(@Body() document: unknown, @Actor() actor: RequestActor): Promise<RulesetView> {
    return this.rulesets.create(document, actor);
  }

  @Post(':version/dry-run')
  @HttpCode(200)
  @RequireRole('admin')
  dryRun(@Param() { version }: RulesetVersionParam, @Query() { limit }: DryRunQuery): Promise<DryRunResult> {
    return this.rulesets.dryRun(Number(version), limit ?? DEFAULT_DRY_RUN_LIMIT);
  }

  /** Four eyes: an admin other than the author approves the version before anyone may activate it. */
  @Post(':version/approve')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOkResponse({ type: RulesetView })
  @ApiForbiddenResponse({ description: 'The caller created this version: another admin must approve it (audited)' })
  approve(@Param() { version }: RulesetVersionParam, @Actor() actor: RequestActor): Promise<RulesetView> {
    return this.rulesets.approve(Number(version), actor);
  }

  @Post(':version/activate')
  @HttpCode(200)
  @RequireRole('admin')
  activate(@Param() { version }: RulesetVersionParam, @Actor() actor: RequestActor): Promise<ActivationResult> {
    return this.rulesets.activate(Number(version), actor);
  }
}
