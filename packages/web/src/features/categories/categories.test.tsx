import { fireEvent, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { callsOf, mockClient, renderRoutes } from '../../test/render';
import { PlanCard } from '../settings/PlanCard';
import { CategoriesManager } from './CategoriesManager';
import { CategoryPicker } from './CategoryPicker';

const fail = (message: string, extensions: Record<string, unknown>) => ({ error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] }) });
const categories = { data: { categories: [{ id: 'c1', name: 'Behind the scenes', colorCode: '#12925B' }, { id: 'c2', name: 'Launch', colorCode: '#5B3DF5' }] } };

describe('CategoriesManager', () => {
  it('creates a category and shows a taken name next to the name field', async () => {
    const client = mockClient((name) => (name === 'Categories' ? categories : fail('You already have a category named "Launch"', { code: 'CONFLICT', field: 'name' })));
    renderRoutes([{ path: '/', element: <CategoriesManager /> }], { client });
    expect(screen.getByRole('list', { name: 'Your categories' }).children).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('New category'), { target: { value: ' launch ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Colour #E0742B' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add category' }));
    await screen.findByText('You already have a category named "Launch".');
    expect(screen.getByLabelText('New category').getAttribute('aria-invalid')).toBe('true');
    expect(callsOf(client, 'CreateCategory')[0]).toEqual({ input: { name: 'launch', colorCode: '#E0742B' } });
  });

  it('renames and deletes after confirmation', async () => {
    const client = mockClient((name, v) => {
      if (name === 'Categories') return categories;
      if (name === 'UpdateCategory') return { data: { updateCategory: { id: v.id, ...(v.input as object) } } };
      return { data: { deleteCategory: true } };
    });
    renderRoutes([{ path: '/', element: <CategoriesManager /> }], { client });
    fireEvent.click(screen.getByRole('button', { name: 'Edit Launch' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Product launch' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(callsOf(client, 'UpdateCategory')[0]).toEqual({ id: 'c2', input: { name: 'Product launch', colorCode: '#5B3DF5' } }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete Behind the scenes' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete category' }));
    await waitFor(() => expect(callsOf(client, 'DeleteCategory')[0]).toEqual({ id: 'c1' }));
  });
});

describe('CategoryPicker', () => {
  it('replaces a post’s categories with the checked ones', async () => {
    const client = mockClient((name, v) => (name === 'Categories' ? categories : { data: { assignCategories: { id: v.activityId, categories: [] } } }));
    let closed = false;
    renderRoutes([{ path: '/', element: <CategoryPicker open activityId="a1" postLabel="Fresh loaf" selected={['c1']} onClose={() => (closed = true)} /> }], { client });
    const scenes = screen.getByRole('checkbox', { name: 'Behind the scenes' }) as HTMLInputElement;
    expect(scenes.checked).toBe(true);
    fireEvent.click(scenes);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Launch' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(closed).toBe(true));
    expect(callsOf(client, 'AssignCategories')[0]).toEqual({ activityId: 'a1', categoryIds: ['c2'] });
  });

  it('offers Save only once something changed', () => {
    const client = mockClient((name) => (name === 'Categories' ? categories : 'pending'));
    renderRoutes([{ path: '/', element: <CategoryPicker open activityId="a1" postLabel="Fresh loaf" selected={['c1']} onClose={() => undefined} /> }], { client });
    const save = () => screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    expect(save().disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Launch' }));
    expect(save().disabled).toBe(false);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Launch' }));
    expect(save().disabled).toBe(true);
  });

  it('with no categories yet, creates one inline, ticks it and saves it', async () => {
    let list: { id: string; name: string; colorCode: string }[] = [];
    const client = mockClient((name, v) => {
      if (name === 'Categories') return { data: { categories: list } };
      if (name === 'CreateCategory') {
        const created = { id: 'c9', ...(v.input as { name: string; colorCode: string }) };
        list = [created];
        return { data: { createCategory: created } };
      }
      return { data: { assignCategories: { id: 'a1', categories: [] } } };
    });
    let closed = false;
    renderRoutes([{ path: '/', element: <CategoryPicker open activityId="a1" postLabel="Fresh loaf" selected={[]} onClose={() => (closed = true)} /> }], { client });
    expect(screen.getByText(/You have no categories yet/)).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Create and tick' }));
    expect((await screen.findByText('Enter a name for the category.')).getAttribute('role')).toBe('alert');
    fireEvent.change(screen.getByLabelText('Name of your first category'), { target: { value: ' Launch ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create and tick' }));
    await waitFor(() => expect(callsOf(client, 'CreateCategory')[0]).toEqual({ input: { name: 'Launch', colorCode: '#5B3DF5' } }));
    fireEvent.click(await screen.findByRole('button', { name: 'Save' }));
    await waitFor(() => expect(closed).toBe(true));
    expect(callsOf(client, 'AssignCategories')[0]).toEqual({ activityId: 'a1', categoryIds: ['c9'] });
  });
});

describe('PlanCard', () => {
  it('marks the current plan and explains a refused downgrade', async () => {
    const client = mockClient((name) =>
      name === 'Plans'
        ? {
            data: {
              plans: [
                { tier: 'FREE', maxPlatforms: 2, historyDays: 90, priceCents: 0 },
                { tier: 'PRO', maxPlatforms: 10, historyDays: 730, priceCents: 2900 },
                { tier: 'ENTERPRISE', maxPlatforms: null, historyDays: null, priceCents: 19900 },
              ],
              me: { id: 'u1', subscriptionTier: 'PRO' },
              billing: { charges: false, provider: 'none' },
            },
          }
        : fail('The free plan allows 2 connected accounts and you have 3; disconnect accounts first', { code: 'LIMIT_EXCEEDED', limit: 2, tier: 'free' }),
    );
    renderRoutes([{ path: '/', element: <PlanCard /> }], { client });
    const current = screen.getByText('Your plan').closest('li')!;
    expect(current.textContent).toContain('Pro');
    expect(current.textContent).toContain('$29 / month');
    expect(screen.getByText('Unlimited accounts')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Switch to Free' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm the change' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/disconnect accounts first/);
    expect(callsOf(client, 'ChangeSubscription')[0]).toEqual({ tier: 'FREE' });
  });
});

describe('categories and plan: role gating', () => {
  it('a viewer sees the categories but cannot add, edit or delete them, and is told why', () => {
    renderRoutes([{ path: '/', element: <CategoriesManager /> }], { client: mockClient(() => categories), role: 'VIEWER' });
    expect(screen.getByRole('list', { name: 'Your categories' }).children).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Edit Launch' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete Launch' })).toBeNull();
    expect(screen.queryByLabelText('New category')).toBeNull();
    expect(screen.getByText('Only editors and above can manage categories.')).toBeDefined();
  });

  it('an editor manages categories', () => {
    renderRoutes([{ path: '/', element: <CategoriesManager /> }], { client: mockClient(() => categories), role: 'EDITOR' });
    expect(screen.getByRole('button', { name: 'Edit Launch' })).toBeDefined();
    expect(screen.getByLabelText('New category')).toBeDefined();
    expect(screen.queryByText(/Only editors/)).toBeNull();
  });

  it('only the owner may switch the plan: an admin sees the plans with the switches disabled and why', () => {
    const client = mockClient(() => ({
      data: { plans: [{ tier: 'FREE', maxPlatforms: 2, historyDays: 90, priceCents: 0 }, { tier: 'PRO', maxPlatforms: 10, historyDays: 730, priceCents: 2900 }], me: { id: 'u1', subscriptionTier: 'PRO' }, billing: { charges: false, provider: 'none' } },
    }));
    renderRoutes([{ path: '/', element: <PlanCard /> }], { client, role: 'ADMIN' });
    const button = screen.getByRole('button', { name: 'Switch to Free' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(document.getElementById(button.getAttribute('aria-describedby')!)!.textContent).toMatch(/Only the workspace owner can change the plan/);
  });
});
