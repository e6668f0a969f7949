import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { graphql } from './apps';

export const TEST_PASSWORD = 'correct horse battery staple';

/** What a test needs of a signed-in user. */
export interface TestSession {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string };
  tenant: { id: string };
}

/** `Authorization: Bearer …` (and any other headers) for a session. */
export function bearer(session: TestSession, headers: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${session.accessToken}`, ...headers };
}

/** Factory: a new user who owns a new tenant, signed in through the API. */
export async function signUpOwner(apiUrl: string, tenantName = 'Test Inc'): Promise<TestSession> {
  const res = await graphql<{ signUp: TestSession }>(
    apiUrl,
    `
      mutation S($i: SignUpInput!) {
        signUp(input: $i) {
          accessToken
          refreshToken
          user {
            id
            email
          }
          tenant {
            id
          }
        }
      }
    `,
    {
      i: {
        email: `owner.${randomBytes(6).toString('hex')}@example.com`,
        password: TEST_PASSWORD,
        name: 'Test Owner',
        tenantName,
      },
    },
  );
  if (!res.body.data) throw new Error(`signUp failed: ${JSON.stringify(res.body.errors)}`);
  return res.body.data.signUp;
}

/** Factory: a new user with `role` in `tenant` (straight into the database), signed in there. */
export async function signUpMember(
  apiUrl: string,
  databaseUrl: string,
  tenant: TestSession,
  role: 'ADMIN' | 'MEMBER' = 'MEMBER',
): Promise<TestSession> {
  const user = await signUpOwner(apiUrl, 'Home');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('INSERT INTO memberships (user_id, tenant_id, role) VALUES ($1, $2, $3)', [
      user.user.id,
      tenant.tenant.id,
      role,
    ]);
  } finally {
    await client.end();
  }
  const res = await graphql<{ switchTenant: TestSession }>(
    apiUrl,
    `
      mutation S($t: ID!) {
        switchTenant(tenantId: $t) {
          accessToken
          refreshToken
          user {
            id
            email
          }
          tenant {
            id
          }
        }
      }
    `,
    { t: tenant.tenant.id },
    bearer(user),
  );
  if (!res.body.data) throw new Error(`switchTenant failed: ${JSON.stringify(res.body.errors)}`);
  return res.body.data.switchTenant;
}
