import { describe, expect, it } from 'vitest';
import { candidateCode, codePrefix, normalizeCode } from '../referral-codes.js';
import { maskEmail, maskName } from '../referrals.service.js';

describe('referral codes: successful cases', () => {
  it('derives the prefix from the name: upper-case Latin letters, accents dropped, at most 8', () => {
    expect(codePrefix('Jane Doe')).toBe('JANEDOE');
    expect(codePrefix('  José Ñúñez-García ')).toBe('JOSENUNE');
    expect(codePrefix('o\'Brien 3rd')).toBe('OBRIENRD');
    expect(codePrefix('李雷')).toBe('USER');
    expect(codePrefix('1234')).toBe('USER');
    expect(codePrefix('')).toBe('USER');
  });

  it('looks like USER123-REF, with more digits after repeated collisions', () => {
    expect(candidateCode('Jane Doe')).toMatch(/^JANEDOE\d{3}-REF$/);
    expect(candidateCode('Jane Doe', 4)).toMatch(/^JANEDOE\d{3}-REF$/);
    expect(candidateCode('Jane Doe', 5)).toMatch(/^JANEDOE\d{4}-REF$/);
    expect(candidateCode('Jane Doe', 11)).toMatch(/^JANEDOE\d{6}-REF$/);
    // Every code passes RegisterInput's rule for referralCode.
    for (let i = 0; i < 12; i++) expect(candidateCode('Ünïcødé name', i)).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it('matches codes case-insensitively', () => {
    expect(normalizeCode('  jane123-ref ')).toBe('JANE123-REF');
  });

  it('masks the referee: first name and last initial, email reduced to first letters', () => {
    expect(maskName('Jane Doe')).toBe('Jane D.');
    expect(maskName('  Jane  van der berg ')).toBe('Jane B.');
    expect(maskName('Cher')).toBe('Cher');
    expect(maskName('   ')).toBe('Someone');
    expect(maskEmail('jane.doe@example.com')).toBe('j***@e***.com');
    expect(maskEmail('x@mail.example.co.uk')).toBe('x***@m***.uk');
    expect(maskEmail('nobody')).toBe('***');
  });
});
