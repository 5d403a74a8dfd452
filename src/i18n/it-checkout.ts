export const itCheckout = {
  'placeholder.checkout': '',
};
