export * from './assignment.dto';
export * from './expense.dto';
export * from './milestone.dto';
export * from './project.dto';
export * from './time-entry.dto';
export * from './psa-user.dto';
