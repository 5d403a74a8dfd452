export const itComponents = {
  'placeholder.components': '',
};
