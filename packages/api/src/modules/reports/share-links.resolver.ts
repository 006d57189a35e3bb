import { ApiScope, WorkspaceRole } from '@soash/shared';
import { Arg, Ctx, Field, ID, Info, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { MinRole } from '../../auth/min-role.js';
import { AnyCredential, Scope } from '../../auth/scope.js';
import type { Context } from '../../server/context.js';
import { CreateReportShareLinkInput, UpdateReportShareLinkInput } from './dto/share-link.inputs.js';
import { SharedReport } from './report-data.types.js';
import { ReportShareLink } from './share-link.model.js';
import { assertSharedSelection } from './share-selection.js';
import * as links from './share-links.service.js';

@ObjectType({ description: 'A new share link with its address: the only time the address is shown.' })
export class CreatedReportShareLink {
  @Field(() => ReportShareLink)
  link: ReportShareLink;

  @Field(() => String, { description: 'The secret part of the address (store it now; it cannot be shown again).' })
  token: string;

  @Field(() => String, { description: 'The address to send: the web app’s /share/<token>.' })
  url: string;
}

@Resolver(() => ReportShareLink)
export class ReportShareLinksResolver {
  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.REPORTS_READ)
  @Query(() => [ReportShareLink], { description: "A saved report's share links, newest first (revoked and expired ones included)." })
  reportShareLinks(@Arg('reportId', () => ID) reportId: string, @Ctx() ctx: Context): Promise<ReportShareLink[]> {
    return links.listShareLinks(ctx, reportId);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.REPORTS_WRITE)
  @Mutation(() => CreatedReportShareLink, { description: 'Creates a read-only link to a saved report for people without an account. Editors and above.' })
  createReportShareLink(@Arg('input', () => CreateReportShareLinkInput) input: CreateReportShareLinkInput, @Ctx() ctx: Context): Promise<CreatedReportShareLink> {
    return links.createShareLink(ctx, input);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.REPORTS_WRITE)
  @Mutation(() => ReportShareLink, { description: "Changes a share link's label, expiry or password. Editors and above." })
  updateReportShareLink(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateReportShareLinkInput) input: UpdateReportShareLinkInput,
    @Ctx() ctx: Context,
  ): Promise<ReportShareLink> {
    return links.updateShareLink(ctx, id, input);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.REPORTS_WRITE)
  @Mutation(() => ReportShareLink, { description: 'Stops a share link at once. Editors and above.' })
  revokeReportShareLink(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ReportShareLink> {
    return links.revokeShareLink(ctx, id);
  }

  /** Public: the token is the credential. It must be the operation's only field, and selects only what the report page shows. */
  @AnyCredential()
  @Query(() => SharedReport, {
    description:
      'A saved report opened through its share link, without an account. An unknown, revoked or expired link is NOT_FOUND; a protected one needs its password (PASSWORD_REQUIRED, BAD_PASSWORD). Only the report page’s fields can be selected, and only this field in its operation.',
  })
  sharedReport(
    @Arg('token', () => String) token: string,
    @Arg('password', () => String, { nullable: true }) password: string | null | undefined,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SharedReport> {
    assertSharedSelection(info);
    return links.openSharedReport(ctx, token, password);
  }
}
