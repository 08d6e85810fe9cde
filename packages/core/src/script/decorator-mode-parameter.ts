/** The query parameter of an entry script's URL that carries its decorator mode to the module hooks. */
export const DECORATOR_MODE_PARAMETER = 'inferschema-decorators';
