import { API_ROLES, type ApiRole } from '@app/persistence';
import { roleAllows } from './principal';

describe('roleAllows', () => {
  const operators: ApiRole[] = ['viewer', 'operator', 'admin'];

  it('ranks operators’ roles: viewer < operator < admin', () => {
    expect(operators.map((role) => operators.filter((required) => roleAllows(role, required)))).toEqual([
      ['viewer'],
      ['viewer', 'operator'],
      ['viewer', 'operator', 'admin'],
    ]);
  });

  it('a subscriber key reaches only subscriber routes, and no operator’s key reaches those', () => {
    expect(API_ROLES.filter((required) => roleAllows('subscriber', required))).toEqual(['subscriber']);
    expect(API_ROLES.filter((role) => roleAllows(role, 'subscriber'))).toEqual(['subscriber']);
  });
});
