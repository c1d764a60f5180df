import type { AppPersistence } from '../data-source';
import { CreateNotes1732200000000 } from './fixture-notes.migration';
import { FixtureNoteEntity } from './fixture-note.entity';

export { CreateNotes1732200000000, FixtureNoteEntity };

/** Test fixture: an app persistence whose migration matches its entity. */
export const fixtureNotesPersistence: AppPersistence = {
  schema: 'fixture_notes',
  entities: [FixtureNoteEntity],
  migrations: [CreateNotes1732200000000],
};
