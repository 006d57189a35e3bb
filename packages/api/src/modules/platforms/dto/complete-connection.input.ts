import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsString, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Which of a pending connection\'s accounts to connect.' })
export class CompleteConnectionInput {
  @Field(() => ID, { description: 'The pending connection (from the callback redirect).' })
  @IsString({ message: 'id must be an ID' })
  id: string;

  @Field(() => [String], { description: "The chosen accounts' ids on the platform (ConnectionChoice.id); several can be connected at once." })
  @ArrayNotEmpty({ message: 'choices must name at least one account' })
  @ArrayMaxSize(100, { message: 'choices may name at most 100 accounts' })
  @ArrayUnique({ message: 'choices must not repeat an account' })
  @IsString({ each: true, message: 'choices must be account ids' })
  @Length(1, 100, { each: true, message: 'choices must be account ids' })
  choices: string[];
}
