import type { RecordFields } from '@vs/contracts';
import type { Address } from './place-and-trade';
import type { Person } from './person-entity';
import type { PooledExemplar } from './exemplar-pools';
import type { SeededRandom } from './seeded-random';

/** One record while it is being drawn: its random stream, the exemplar it follows and its entities. */
export interface RecordDraft {
  random: SeededRandom;
  anchor: PooledExemplar;
  /**
   * The record's number among the records of its anchor in the job (its index over the pack's anchor count):
   * consecutive for a subchapter's records, so texts drawn by it do not repeat until their variants run out.
   */
  variant: number;
  values: RecordFields;
  /** Instants of date/datetime fields, formatted once the cross-field rules are settled. */
  instants: Map<string, number>;
  /** People by field name: the record's main person is shared by its name, email and user name fields. */
  people: Map<string, Person>;
  mainPerson: Person | null;
  address: Address | null;
}

export type FieldValue = string | number | boolean | null;
