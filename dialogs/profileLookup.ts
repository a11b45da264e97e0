import { type TurnContext, TeamsInfo } from 'botbuilder';

/** A person's name and e-mail as their channel knows them. */
export interface Profile {
  name?: string;
  email?: string;
}

/** Finds the profile of the person in a turn, where the channel offers one. */
export interface ProfileLookup {
  lookup(context: TurnContext): Promise<Profile | undefined>;
}

/** Reads the Teams profile (display name and e-mail or user principal name) of the sender. */
export class TeamsProfileLookup implements ProfileLookup {
  async lookup(context: TurnContext): Promise<Profile | undefined> {
    if (context.activity.channelId !== 'msteams' || !context.activity.from?.id) return undefined;
    try {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      return { name: member.name, email: member.email ?? member.userPrincipalName };
    } catch {
      // Without a profile the flow simply asks.
      return undefined;
    }
  }
}
