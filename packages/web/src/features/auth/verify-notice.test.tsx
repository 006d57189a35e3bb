import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockClient, renderRoutes } from '../../test/render';
import { VerifyEmailNotice } from './VerifyEmailNotice';

describe('VerifyEmailNotice', () => {
  it('on a server without mail, says so and how an admin sets mail up, instead of promising a link', () => {
    const client = mockClient((name) => (name === 'MailSetup' ? { data: { serverSetup: { mailDelivery: false } } } : 'pending'));
    renderRoutes([{ path: '/', element: <VerifyEmailNotice email="jane@example.com" /> }], { client });
    const notice = screen.getByRole('region', { name: 'Email confirmation' });
    expect(notice.textContent).toMatch(/this Soash server does not send mail/);
    expect(notice.textContent).not.toMatch(/we sent a link/);
    expect(screen.getByRole('link', { name: 'how' }).getAttribute('href')).toBe('/docs/api.html#email-links');
  });

  it('with mail, says where the link went', () => {
    const client = mockClient((name) => (name === 'MailSetup' ? { data: { serverSetup: { mailDelivery: true } } } : 'pending'));
    renderRoutes([{ path: '/', element: <VerifyEmailNotice email="jane@example.com" /> }], { client });
    expect(screen.getByRole('region', { name: 'Email confirmation' }).textContent).toMatch(/we sent a link to jane@example.com/);
  });
});
