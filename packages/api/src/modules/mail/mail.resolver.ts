import { Args, ArgsType, Authorized, Ctx, Field, Query, Resolver } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { connectionType, PageArgs, type Connection } from '../../lib/pagination.js';
import type { Context } from '../../server/context.js';
import { MailMessage } from './mail-message.model.js';
import { listOutbox } from './mail.service.js';

export const MailMessageConnection = connectionType(MailMessage, 'MailMessage');

@ArgsType()
class MailOutboxArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only messages to this address.' })
  @IsOptional()
  @MaxLength(254)
  to?: string | null;
}

@Resolver()
export class MailResolver {
  @Authorized('admin')
  @Query(() => MailMessageConnection, { description: 'The development outbox (used when SMTP_URL is not set), newest first. Admins only.' })
  mailOutbox(@Args(() => MailOutboxArgs) args: MailOutboxArgs, @Ctx() ctx: Context): Promise<Connection<MailMessage>> {
    return listOutbox(ctx, args);
  }
}
