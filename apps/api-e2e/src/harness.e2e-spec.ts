import { createTransport } from 'nodemailer';
import { Client } from 'pg';
import { createTestDatabase, startSmtpCatcher, type SmtpCatcher } from '@app/testing';

describe('test harness', () => {
  describe('SMTP catcher', () => {
    let smtp: SmtpCatcher;
    beforeAll(async () => {
      smtp = await startSmtpCatcher();
    });
    afterAll(async () => {
      await smtp.close();
    });

    it('receives a real SMTP delivery and parses it', async () => {
      const transport = createTransport({ url: smtp.url });
      await transport.sendMail({
        from: 'no-reply@example.com',
        to: 'ada@example.com',
        subject: 'Welcome, Ada',
        text: 'Hello https://app.example.com/verify?token=abc',
        html: '<p>Hello</p>',
      });
      transport.close();
      const mail = await smtp.waitFor((m) => m.to.includes('ada@example.com'));
      expect(mail).toMatchObject({ subject: 'Welcome, Ada', from: 'no-reply@example.com', html: '<p>Hello</p>' });
      expect(mail.text).toContain('token=abc');
    });
  });

  describe('per-file databases', () => {
    it('gives each caller its own empty database and drops it', async () => {
      const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
      expect(a.name).not.toBe(b.name);
      const client = new Client({ connectionString: a.url });
      await client.connect();
      const res = await client.query<{ db: string }>('select current_database() as db');
      await client.end();
      expect(res.rows[0]?.db).toBe(a.name);
      await Promise.all([a.drop(), b.drop()]);
      const admin = new Client({ connectionString: b.url.replace(b.name, 'postgres') });
      await admin.connect();
      const left = await admin.query('select 1 from pg_database where datname = any($1)', [[a.name, b.name]]);
      await admin.end();
      expect(left.rowCount).toBe(0);
    });
  });
});
