/**
 * Passwords refused whatever their length: the most used ones (from the public leak statistics, Chinese
 * and international) and keyboard walks. A password is refused when, lower-cased and with its trailing
 * digits and symbols removed, it is one of these or a walk, or when it is only a repetition of a short
 * unit ('abcabcabc…', '1111111111'). Curated and small on purpose: the length and class rules do the rest.
 */
const COMMON = `
123456 123456789 12345678 1234567890 12345 1234567 111111 000000 123123 654321 666666 888888 112233 121212
123321 5201314 520520 1314520 147258369 159357 987654321 0123456789 11111111 88888888 00000000 a123456
a12345678 abc123 abc123456 abcd1234 abcdef abcdefg abcdefgh qq123456 aa123456 woaini woaini1314 iloveyou
password password1 passw0rd p@ssw0rd p@ssword pass1234 admin admin123 admin888 administrator root root123
test test123 test1234 guest welcome welcome1 letmein monkey dragon master shadow sunshine princess football
baseball superman batman trustno1 hello hello123 freedom whatever qazwsx michael charlie jennifer jordan
login starwars secret secret123 changeme default system manager 888888888 aaaaaa zxcvbnm qwerty qwerty123
qwertyuiop asdfghjkl zxcvbnm1 1qaz2wsx 1q2w3e4r 1q2w3e4r5t 1qazxsw2 zaq12wsx qazwsxedc qweasdzxc q1w2e3r4
q1w2e3r4t5 asdf1234 qwer1234 zxcv1234 asdfasdf qwerqwer 1234qwer 1234asdf abcd123456 a1b2c3d4 a1b2c3
password123 password12 admin1234 administrator1 dianxiaoer dxe123456 chongqing dianjiang zhongguo china
beijing shanghai wangyi tiantian huang zhang wang liu chen yang zhao huanghe changjiang baobei laopo laogong
aini1314 woaini520 iloveu 7758521 5211314 1314521 caonima nihao nihao123 xiaoming xiaohong
demo demo123 demo123456 user user123 user1234 service support security auditor operator
`;

/** Rows of the keyboard (and the number pad) in both directions, read as walks of four keys or more. */
const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '7894561230', 'abcdefghijklmnopqrstuvwxyz'];
/** Diagonal walks (1qaz, 2wsx, …) and their pairs. */
const KEYBOARD_COLUMNS = ['1qaz', '2wsx', '3edc', '4rfv', '5tgb', '6yhn', '7ujm', '8ik,', '9ol.', '0p;/', 'zaq1', 'xsw2', 'cde3', 'vfr4', 'bgt5', 'nhy6', 'mju7'];

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(COMMON.split(/\s+/).filter(Boolean));

/** True when the text is made only of pieces of keyboard walks, each at least three keys long. */
function isKeyboardWalk(text: string): boolean {
  const pieces = [...KEYBOARD_ROWS, ...KEYBOARD_ROWS.map((row) => [...row].reverse().join('')), ...KEYBOARD_COLUMNS];
  // Greedy cover from the left by the longest walk piece that fits here.
  let index = 0;
  while (index < text.length) {
    let best = 0;
    for (const piece of pieces) {
      for (let length = Math.min(piece.length, text.length - index); length >= 3 && length > best; length--) {
        const chunk = text.slice(index, index + length);
        if (piece.includes(chunk)) {
          best = length;
          break;
        }
      }
    }
    if (best === 0) return false;
    index += best;
  }
  return true;
}

/** A password that is a common one, a keyboard walk or a repetition, whatever its case and suffix. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const stem = lower.replace(/[^a-z]+$/, '');
  const letters = lower.replace(/[^a-z0-9]/g, '');
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(letters) || (stem.length >= 4 && COMMON_PASSWORDS.has(stem))) return true;
  if (/^(.{1,4})\1+.{0,2}$/.test(lower)) return true;
  return isKeyboardWalk(letters) || isKeyboardWalk(lower);
}
