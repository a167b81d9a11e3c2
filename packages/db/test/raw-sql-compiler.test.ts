import { eq, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { compileRawSql, useRawSqlCompiler } from '../src/raw-sql-compiler.ts';
import { userKind } from '../src/schema/accounts.ts';
import { products } from '../src/schema/catalog.ts';

const drizzleWrites = (statement: SQL) =>
  new PgDialect({ casing: 'snake_case' }).sqlToQuery(statement);

describe('compileRawSql', () => {
  const when = new Date('2026-12-02T01:00:00Z');
  const statements: Record<string, SQL> = {
    'text only': sql`select 1`,
    'every kind of value': sql`select ${'a'}, ${1}, ${1.5}, ${true}, ${null}, ${10n}, ${when},
      ${{ a: [1, 2] }}, ${Buffer.from('x')}`,
    'nested, raw and joined': sql`with m as (${sql`select ${'x'} where ${sql.raw('true')}`})
      select ${sql.join([sql`a = ${1}`, sql`b = ${2}`, sql`c`], sql` and `)} ${sql.empty()}`,
    'arrays, nested and empty': sql`in ${[1, sql`${2} + ${3}`, 'four']} or ${[]} or ${[[5, 6]]}`,
    'params sent whole': sql`${sql.param(['a', 'b'])}::text[] && ${sql.param(3)} ${sql.param(null)}`,
    'an undefined chunk': sql`select ${undefined} 1`,
    'the same value twice': sql`${'v'} = ${'v'}`,
    'a fragment used twice': (() => {
      const part = sql`x > ${7}`;
      return sql`${part} or ${part}`;
    })(),
  };
  for (const [name, statement] of Object.entries(statements)) {
    it(`writes ${name} as Drizzle does`, () => {
      const fast = compileRawSql(statement);
      expect(fast).toBeDefined();
      expect(fast).toStrictEqual(drizzleWrites(statement));
    });
  }

  const others: Record<string, SQL> = {
    'a column': sql`select ${products.id}`,
    'a table': sql`select 1 from ${products}`,
    'a nested column': sql`select ${sql`${products.title} || ${'!'}`}`,
    'a name': sql`select ${sql.identifier('x')}`,
    'a placeholder': sql`select ${sql.placeholder('p')}`,
    'an encoded param': sql`select ${sql.param('A title', products.title)}`,
    'a param holding a placeholder': sql`select ${sql.param(sql.placeholder('p'))}`,
    'an alias': sql`select ${sql`1`.as('one')}`,
    'inlined params': sql`select ${1}`.inlineParams(),
    'nested inlined params': sql`select ${sql`${1}`.inlineParams()}`,
    'an enum': sql`select ${userKind}`,
    'an operator on a column': sql`where ${eq(products.id, 'x')}`,
    'an array holding a column': sql`in ${[1, products.id]}`,
  };
  for (const [name, statement] of Object.entries(others)) {
    it(`leaves ${name} to Drizzle`, () => {
      expect(compileRawSql(statement)).toBeUndefined();
      // …and Drizzle writes it (the dialect falls back to it).
      expect(drizzleWrites(statement).sql).not.toBe('');
    });
  }
});

describe('useRawSqlCompiler', () => {
  it('answers the fast text, and Drizzle’s for what it leaves', () => {
    const dialect = new PgDialect({ casing: 'snake_case' });
    useRawSqlCompiler(dialect);
    expect(dialect.sqlToQuery(sql`a = ${1}`)).toStrictEqual({
      sql: 'a = $1',
      params: [1],
      typings: ['none'],
    });
    expect(dialect.sqlToQuery(sql`select ${products.id}`).sql).toBe('select "products"."id"');
  });

  it('under verification, throws when the two writings differ', () => {
    // A dialect that writes parameters its own way stands for a Drizzle that changed.
    const dialect = {
      sqlToQuery: (statement: SQL) => ({ ...drizzleWrites(statement), sql: 'different' }),
    };
    useRawSqlCompiler(dialect, { verify: true });
    expect(() => dialect.sqlToQuery(sql`a = ${1}`)).toThrow(/compileRawSql wrote/);
    expect(() => dialect.sqlToQuery(sql`a = ${10n}`)).toThrow(/10n/);
    const faithful = { sqlToQuery: drizzleWrites };
    useRawSqlCompiler(faithful, { verify: true });
    expect(faithful.sqlToQuery(sql`a = ${1}`).sql).toBe('a = $1');
  });
});
