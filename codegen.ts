import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the web client from the API's committed schema.
 * `npm run codegen` after changing a query or the schema.
 */
const config: CodegenConfig = {
  schema: 'packages/api/schema.graphql',
  documents: ['packages/web/src/**/*.{ts,tsx}', '!packages/web/src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    'packages/web/src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
      },
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

export default config;
