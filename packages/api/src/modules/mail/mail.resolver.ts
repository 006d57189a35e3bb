import { SessionOnly } from '../../auth/scope.js';
import { Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { MailMessage } from './mail-message.model.js';
import { messageLink, messageText, myDevOutbox } from './mail.service.js';

@Resolver(() => MailMessage)
export class MailResolver {
  @Authorized()
  @SessionOnly()
  @Query(() => [MailMessage], {
    nullable: true,
    description:
      "The viewer's own mail in the development outbox (no SMTP_URL, not production), newest first, at most 20: how a developer sees the links a mail would carry. Null when mail is really sent.",
  })
  myDevOutbox(@Ctx() ctx: Context): Promise<MailMessage[] | null> {
    return myDevOutbox(ctx);
  }

  @FieldResolver(() => String, { description: 'The body as it would have been sent.' })
  text(@Root() message: MailMessage): string {
    return messageText(message);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The link into the web app the message carries (verification, reset), if any.' })
  link(@Root() message: MailMessage, @Ctx() ctx: Context): string | null {
    return messageLink(ctx.config, message);
  }
}
