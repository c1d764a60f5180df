export const experienceMigrations: Array<new () => unknown> = [];
