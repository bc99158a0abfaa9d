import type { GroupDTO, GroupKind, PigeonEvent } from '../../../src-shared/contract';
import type { GroupsRepo } from '../store/groups-repo';

export interface GroupBookDeps {
  repo: GroupsRepo;
  emit: (event: PigeonEvent) => void;
}

/** The groups Pigeon knows: kept in the store, and every change told to the windows. */
export class GroupBook {
  constructor(private readonly deps: GroupBookDeps) {}

  get(id: string): GroupDTO | undefined {
    return this.deps.repo.get(id)?.group;
  }

  all(): GroupDTO[] {
    return this.deps.repo.all().map((stored) => stored.group);
  }

  /**
   * The group, made known (and announced) the first time it is heard of; a member
   * who wrote to it joins its list. Nothing is written when nothing changed.
   */
  ensure(id: string, kind: GroupKind, name: string, member?: string): GroupDTO {
    const stored = this.deps.repo.get(id);
    const group = stored?.group ?? { id, kind, name, members: [] };
    if (stored && (member === undefined || group.members.includes(member))) return group;
    const changed: GroupDTO = {
      ...group,
      members: member === undefined ? group.members : [...group.members, member],
    };
    this.save(changed, stored?.clock ?? 0);
    return changed;
  }

  /** A Pigeon group as its members' merged state has it now (mute stays as the user set it). */
  put(group: GroupDTO, clock: number): GroupDTO {
    const muted = this.deps.repo.get(group.id)?.group.muted;
    const kept: GroupDTO = muted ? { ...group, muted } : group;
    this.save(kept, clock);
    return kept;
  }

  setMuted(id: string, muted: boolean): GroupDTO | undefined {
    const stored = this.deps.repo.get(id);
    if (!stored) return undefined;
    const changed: GroupDTO = { ...stored.group };
    if (muted) changed.muted = true;
    else delete changed.muted;
    this.save(changed, stored.clock);
    return changed;
  }

  private save(group: GroupDTO, clock: number): void {
    this.deps.repo.save({ group, clock });
    this.deps.emit({ type: 'group', group });
  }
}
