/** Words and phrases of everyday support mail, so full-text search meets realistic selectivity. */

export const FIRST_NAMES = [
  'John', 'Mary', 'James', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara',
  'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Nancy', 'Matthew', 'Lisa',
  'Anthony', 'Betty', 'Mark', 'Margaret', 'Paul', 'Sandra', 'Steven', 'Ashley', 'Andrew', 'Kimberly', 'Joshua', 'Emily',
  'Kenneth', 'Donna', 'Kevin', 'Michelle', 'Brian', 'Carol', 'George', 'Amanda', 'Timothy', 'Melissa', 'Ronald', 'Deborah',
  'Aisha', 'Mateo', 'Sofia', 'Lukas', 'Chloé', 'Hiroshi', 'Priya', 'Olumide', 'Ingrid', 'Tomasz', 'Ana', 'Yusuf',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson',
  'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright',
  'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell',
  'Mitchell', 'Carter', 'Roberts', 'Müller', 'Schmidt', 'Kowalski', 'Tanaka', 'Okafor', 'Johansson', 'Dubois', 'Rossi',
  'Novak', 'Haddad', 'Kaur', 'Silva', 'Costa', 'Yilmaz', 'Ivanova', 'Andersen', 'Fischer', 'Moreau', 'Santos', 'Patel',
];

export const EMAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'proton.me', 'acme.io', 'example.org'];

export const PRODUCTS = [
  'blender', 'coffee grinder', 'espresso machine', 'kettle', 'toaster', 'air fryer', 'stand mixer', 'rice cooker',
  'vacuum cleaner', 'robot vacuum', 'air purifier', 'humidifier', 'space heater', 'desk lamp', 'office chair',
  'standing desk', 'monitor arm', 'keyboard', 'wireless mouse', 'headphones', 'bluetooth speaker', 'smart watch',
  'fitness tracker', 'phone case', 'charging cable', 'power bank', 'backpack', 'water bottle', 'yoga mat', 'sleeping bag',
];

/** Each problem gives a ticket its subject and the customer's first message; `{p}` is the product. */
export const PROBLEMS: [subject: string, message: string][] = [
  ['{p} arrived damaged', 'My {p} arrived damaged, the box was crushed and the lid is cracked.'],
  ['Refund for my {p}', 'I returned the {p} two weeks ago and I am still waiting for my refund.'],
  ['Where is my order?', 'I ordered a {p} ten days ago and the tracking number has not updated since Monday.'],
  ['Wrong item received', 'I ordered a {p} but received something completely different in the package.'],
  ['Cannot reset my password', 'The password reset link in your email has expired and I cannot log in to my account.'],
  ['Charged twice', 'My credit card was charged twice for the same {p} order, please fix the duplicate payment.'],
  ['{p} stopped working', 'The {p} stopped working after a week, it does not turn on anymore even when plugged in.'],
  ['Cancel my subscription', 'Please cancel my subscription and confirm that I will not be billed next month.'],
  ['Invoice needed', 'Could you send me an invoice with our company VAT number for the {p} purchase?'],
  ['Change delivery address', 'I need to change the delivery address for my {p} order before it ships.'],
  ['Missing parts', 'The {p} was delivered without the power adapter and the instruction manual.'],
  ['Warranty claim for {p}', 'My {p} is still under warranty but the motor makes a loud grinding noise.'],
  ['Discount code not working', 'The discount code from your newsletter is rejected at checkout for the {p}.'],
  ['Exchange for a different colour', 'Can I exchange the {p} for a different colour? The black one does not match my kitchen.'],
  ['Account locked', 'My account is locked after too many login attempts and the unlock email never arrives.'],
  ['Question about {p} compatibility', 'Is the {p} compatible with European power sockets and 230 volt outlets?'],
  ['Late delivery', 'The courier missed the delivery window twice and my {p} is now stuck at the depot.'],
  ['Return label request', 'Please send me a prepaid return label, the {p} is too large for my apartment.'],
  ['Two-factor authentication problem', 'I changed my phone and now I cannot receive the two-factor authentication code.'],
  ['Price match request', 'I found the same {p} cheaper at another store, do you offer a price match?'],
];

export const OPENERS = ['Hello,', 'Hi there,', 'Good morning,', 'Dear support team,', 'Hi,', 'Hello again,', 'Hey,', 'Good afternoon,'];

export const CUSTOMER_FOLLOW_UPS = [
  'I have attached a photo of the {p} so you can see the problem.',
  'This is the third time I am writing about this and nobody has answered.',
  'The order number is in my previous email, please check it.',
  'I would prefer a replacement instead of a refund if possible.',
  'Is there any update on this? I need the {p} before the weekend.',
  'Thanks, that worked! The {p} is fine now.',
  'I tried restarting it and clearing the settings but nothing changed.',
  'Can someone call me back? Email is too slow for this.',
  'The courier says the parcel was delivered but I never received it.',
  'I checked my spam folder and there is nothing there either.',
];

export const AGENT_REPLIES = [
  'Thanks for reaching out, I am sorry to hear about the trouble with your {p}.',
  'I have issued a full refund to your original payment method; it should appear within five business days.',
  'I have arranged a free replacement {p} which will ship tomorrow with express delivery.',
  'Could you send us a photo of the damage and the serial number printed under the {p}?',
  'I have reset your account and sent a fresh password reset link, it is valid for one hour.',
  'Your subscription is cancelled and you will not be charged again.',
  'I have attached the invoice with your VAT number to this email.',
  'The delivery address has been updated and the warehouse has been notified.',
  'I have escalated this to our logistics team and will update you as soon as I hear back.',
  'Please try holding the power button for ten seconds to reset the {p}.',
  'A prepaid return label is attached; drop the parcel at any post office.',
  'I have applied a ten percent discount to your order as an apology for the delay.',
];

export const INTERNAL_NOTES = [
  'Customer is a repeat buyer, approve the refund without the usual photo check.',
  'Checked with the warehouse: the {p} batch from March has a known defect.',
  'Possible fraud pattern, verify the billing address before sending a replacement.',
  'Escalated to billing, waiting on the payment provider to reverse the duplicate charge.',
  'Courier claim opened, reference attached in the logistics portal.',
];

export const CLOSINGS = ['Thanks,', 'Best regards,', 'Kind regards,', 'Cheers,', 'Thank you for your help.', 'Regards,'];

export const TAGS = ['billing', 'refund', 'shipping', 'damaged', 'account', 'warranty', 'vip', 'returns', 'login', 'invoice', 'feedback', 'urgent_followup'];

/** What people type into the search box: single words, phrases, two-word combinations, ticket numbers. */
export const SEARCH_QUERIES = [
  'refund',
  'password reset',
  'damaged blender',
  'invoice VAT',
  'tracking number',
  'cancel subscription',
  'espresso machine',
  'charged twice',
  'warranty grinding noise',
  'replacement kettle',
  'two-factor',
  'delivery address',
  'discount code',
  'courier depot',
  'air fryer not turning on',
  'return label',
];
