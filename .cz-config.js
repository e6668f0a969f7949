// `yarn cz`: a Conventional Commit built from prompts. The scopes are the
// projects and the API's feature modules; add a module's name here when you
// add the module.
module.exports = {
  types: [
    { value: 'feat', name: 'feat:     a new feature' },
    { value: 'fix', name: 'fix:      a bug fix' },
    { value: 'docs', name: 'docs:     documentation only' },
    { value: 'refactor', name: 'refactor: a change that neither fixes a bug nor adds a feature' },
    { value: 'perf', name: 'perf:     a change that improves performance' },
    { value: 'test', name: 'test:     adding or correcting tests' },
    { value: 'build', name: 'build:    build system or dependencies' },
    { value: 'ci', name: 'ci:       CI configuration' },
    { value: 'chore', name: 'chore:    other changes that do not touch src or tests' },
    { value: 'revert', name: 'revert:   revert a previous commit' },
  ],
  scopes: [
    // applications
    { name: 'api' },
    { name: 'worker' },
    { name: 'api-e2e' },
    // libraries
    { name: 'core' },
    { name: 'database' },
    { name: 'queue' },
    { name: 'mail' },
    { name: 'testing' },
    // API feature modules
    { name: 'auth' },
    { name: 'user' },
    { name: 'tenant' },
    { name: 'membership' },
    { name: 'invitation' },
    { name: 'product' },
    { name: 'tag' },
    { name: 'audit' },
    // repository
    { name: 'workspace' },
    { name: 'deps' },
    { name: 'docs' },
    { name: 'ci' },
  ],
  allowCustomScopes: true,
  allowBreakingChanges: ['feat', 'fix', 'refactor'],
  subjectLimit: 100,
  skipQuestions: ['footer'],
};
