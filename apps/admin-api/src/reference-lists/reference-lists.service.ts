import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/config';
import { ReferenceListRepository, ReferenceListRow } from '@app/persistence';
import { isReferenceListName, REFERENCE_LIST_NAMES, ReferenceListName, validateReferenceListEntries } from '@app/policy';
import { AuditTrail } from '../audit/audit-trail';
import { RequestActor } from '../auth/principal';
import { fieldErrors } from '../common/validation';
import { ReferenceListView } from './reference-lists.dto';

function knownList(name: string): ReferenceListName {
  // The name is not echoed back: it is whatever the caller put in the URL.
  if (!isReferenceListName(name)) throw new NotFoundException(`No such reference list; the lists are ${REFERENCE_LIST_NAMES.join(', ')}`);
  return name;
}

function toView(name: ReferenceListName, row: ReferenceListRow | null): ReferenceListView {
  return {
    name,
    entries: row?.entries ?? [],
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row ? row.updatedAt.toISOString() : null,
  };
}

/** The operator-managed lists the policy reads (HS codes by priority, authorised manufacturers). */
@Injectable()
export class ReferenceListsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lists: ReferenceListRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async get(name: string): Promise<ReferenceListView> {
    const listName = knownList(name);
    return toView(listName, await this.lists.find(listName));
  }

  /** Replaces the whole list; the engine applies it to every later decision (policy revision trigger). */
  async replace(name: string, entries: unknown[], actor: RequestActor): Promise<ReferenceListView> {
    const listName = knownList(name);
    const errors = validateReferenceListEntries(listName, entries);
    if (errors.length > 0) {
      throw fieldErrors(
        errors.map((e) => ({ field: e.index === null ? 'entries' : `entries[${e.index}]`, message: e.message })),
        'The list entries are invalid',
      );
    }
    const row: ReferenceListRow = {
      name: listName,
      entries: entries as string[],
      updatedBy: actor.principal.actor,
      updatedAt: this.clock.now(),
    };
    await this.dataSource.transaction(async (tx) => {
      const before = await this.lists.findForUpdate(tx, listName);
      await this.lists.save(tx, row);
      await this.audit.record(tx, actor, {
        action: 'reference-list.update',
        targetType: 'reference-list',
        targetId: listName,
        before: before ? { entries: before.entries } : null,
        after: { entries: row.entries },
      });
    });
    return toView(listName, row);
  }
}
