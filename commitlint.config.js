// Conventional Commits (https://www.conventionalcommits.org), checked on
// commit-msg by husky. Scopes are free-form but should name a module or
// project (see .cz-config.js).
module.exports = {
  extends: ['@commitlint/config-conventional'],
  rules: {
    'header-max-length': [2, 'always', 100],
    'body-max-line-length': [1, 'always', 200],
  },
};
