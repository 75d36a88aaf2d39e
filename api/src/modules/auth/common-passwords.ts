/**
 * The most used passwords of at least 8 characters in public breach corpora, with the French
 * favourites. A new password equal to one of these (case-insensitively) is refused, as NIST
 * SP 800-63B asks; composition rules are not imposed.
 */
const COMMON = `
12345678 123456789 1234567890 12345678910 123123123 11111111 00000000 87654321 11223344 12341234
password password1 password123 passw0rd motdepasse motdepasse1 azertyuiop azerty123 azerty12 azertyui
qwertyuiop qwerty123 qwerty12 1q2w3e4r 1q2w3e4r5t 1qaz2wsx zaq12wsx abc12345 abcd1234 abcdefgh
iloveyou iloveyou1 jetaime1 jetaimemonamour sunshine princess football baseball superman trustno1
starwars whatever welcome1 bienvenue bienvenue1 doudou123 chouchou soleil123 marseille marseille13
loulou123 nicolas1 camille1 bonjour1 bonjour123 jesus123 liverpool chocolat chocolate 123456789a
a123456789 aaaaaaaa qqqqqqqq azertyuiop1 aqwzsx123 changeme changeme1 administrator admin123 adminadmin
letmein1 monkey123 dragon123 michelle jennifer computer internet samsung123 football1 iloveyou2
foyer123 foyerfoyer espacefamille monespacefamille famille123 enfants1 cantine123 mairie123
`;

const COMMON_SET = new Set(COMMON.split(/\s+/).filter(Boolean));

/** True when the password is one that attackers try first. */
export function isCommonPassword(password: string, email?: string): boolean {
  const lowered = password.toLowerCase();
  if (COMMON_SET.has(lowered)) return true;
  if (/^(.)\1+$/.test(password)) return true;
  if (email) {
    const local = email.toLowerCase().split('@')[0] ?? '';
    if (lowered === email.toLowerCase() || (local.length >= 4 && lowered === local)) return true;
  }
  return false;
}
