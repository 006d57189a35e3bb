import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for this partner app, generated from the API's committed schema
 * (packages/api/schema.graphql; against another Soash instance, point `schema` at its
 * /graphql endpoint instead). `npm run codegen -w @soash/example-partner-node` after changing a
 * document or the schema; test/codegen.test.ts fails when src/gql is out of date.
 */
export const codegenConfig: CodegenConfig = {
  schema: '../../packages/api/schema.graphql',
  documents: ['src/**/*.ts', 'test/**/*.ts', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        defaultScalarType: 'unknown',
        scalars: {
          ID: 'string',
          DateTime: 'string',
          JSON: 'unknown',
        },
      },
    },
  },
};

export default codegenConfig;
