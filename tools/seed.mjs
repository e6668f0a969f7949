#!/usr/bin/env node
// `yarn seed`: idempotent demo data. The identity issue adds the demo tenant
// and users here; until then there is nothing to seed.
// `--print-logins` prints the demo logins (used by `yarn demo`).
const printLogins = process.argv.includes('--print-logins');
if (printLogins) {
  process.stdout.write('  Demo logins      none yet (sign up through the signUp mutation once it exists)\n');
} else {
  process.stdout.write('[seed] nothing to seed yet\n');
}
