import { requireArgument } from "../core/errors";
import { deriveSeed, Random } from "../core/random";
import type { Market } from "./generate-population";

/**
 * Names for synthetic borrowers, per market: common given and family names of the market's main
 * communities, so a demo reads like a lender's book. Names are drawn from their own random stream
 * (derived from the population seed and NAME_STREAM), never from the borrower's: naming a borrower
 * changes none of its signals, features or outcome, and so nothing the default model is trained on.
 */
export const syntheticNames: Readonly<Record<Market, { readonly given: readonly string[]; readonly family: readonly string[] }>> = {
  KE: {
    given: ["Achieng", "Wanjiru", "Kamau", "Otieno", "Njeri", "Kiprotich", "Akinyi", "Mwangi", "Wambui", "Chebet", "Omondi", "Nafula", "Mutiso", "Jepkoech", "Karanja", "Moraa", "Barasa", "Nyambura", "Kipchumba", "Auma", "Mercy", "Brian", "Faith", "Dennis", "Grace", "Kevin", "Esther", "Collins", "Purity", "Hassan", "Amina", "Joseph"],
    family: ["Kariuki", "Odhiambo", "Mutua", "Kiprono", "Wafula", "Njoroge", "Atieno", "Kimani", "Chege", "Owino", "Mwangi", "Ochieng", "Kipkemboi", "Wekesa", "Muthoni", "Onyango", "Kilonzo", "Cheruiyot", "Nyaga", "Omollo", "Maina", "Were", "Rotich", "Mohamed", "Githinji", "Okoth", "Musyoka", "Langat", "Simiyu", "Achieng"],
  },
  NG: {
    given: ["Chinedu", "Ngozi", "Oluwaseun", "Aisha", "Emeka", "Funmilayo", "Ibrahim", "Adaeze", "Tunde", "Zainab", "Obinna", "Yetunde", "Musa", "Chiamaka", "Babatunde", "Halima", "Ifeanyi", "Folake", "Abubakar", "Nneka", "Segun", "Hauwa", "Uchenna", "Bisi"],
    family: ["Okafor", "Adeyemi", "Bello", "Eze", "Ogunleye", "Abdullahi", "Nwosu", "Adebayo", "Yusuf", "Okonkwo", "Olawale", "Ibrahim", "Chukwu", "Afolabi", "Sani", "Obi", "Balogun", "Aliyu", "Nnamdi", "Ojo", "Umar", "Okeke", "Adewale", "Danjuma"],
  },
  ET: {
    given: ["Abebe", "Tigist", "Dawit", "Hiwot", "Mekonnen", "Selamawit", "Yohannes", "Mulu", "Tesfaye", "Bethlehem", "Getachew", "Meron", "Biruk", "Almaz", "Solomon", "Hanna", "Kebede", "Rahel", "Ermias", "Lemlem", "Tadesse", "Eden", "Fikru", "Aster"],
    family: ["Bekele", "Tesfaye", "Girma", "Haile", "Alemu", "Wolde", "Tadesse", "Kebede", "Mengistu", "Assefa", "Desta", "Gebre", "Tefera", "Abera", "Ayele", "Negash", "Yilma", "Demissie", "Worku", "Lemma", "Mulugeta", "Hailu", "Berhane", "Shiferaw"],
  },
  IN: {
    given: ["Priya", "Rahul", "Anjali", "Amit", "Sunita", "Vikram", "Lakshmi", "Arjun", "Pooja", "Suresh", "Kavita", "Rajesh", "Meena", "Imran", "Deepa", "Manoj", "Fatima", "Sanjay", "Geeta", "Ravi", "Nisha", "Anil", "Shabana", "Karthik"],
    family: ["Sharma", "Patel", "Singh", "Kumar", "Reddy", "Nair", "Das", "Iyer", "Gupta", "Khan", "Yadav", "Joshi", "Pillai", "Mehta", "Chatterjee", "Rao", "Verma", "Shaikh", "Mishra", "Menon", "Bhat", "Naidu", "Ghosh", "Thakur"],
  },
};

/** Stream index of the names, apart from every borrower's stream (borrowers use deriveSeed(seed, index)). */
const NAME_STREAM = 0x4e414d45; // "NAME"

/**
 * The name of borrower `index` of the population with `seed` in `market`: a given and a family name, each
 * drawn uniformly from the market's list with the random stream deriveSeed(deriveSeed(seed, NAME_STREAM), index).
 * Deterministic; independent of the borrower's signals (see syntheticNames).
 * @throws ScoringError INVALID_ARGUMENT for a non-integer seed or a negative or non-integer index.
 */
export function syntheticName(seed: number, market: Market, index: number): { givenName: string; familyName: string } {
  requireArgument(Number.isInteger(seed), "syntheticName: seed", `an integer, got ${seed}`);
  requireArgument(Number.isInteger(index) && index >= 0, "syntheticName: index", `a non-negative integer, got ${index}`);
  const names = syntheticNames[market];
  requireArgument(names !== undefined, "syntheticName: market", `one of ${Object.keys(syntheticNames).join(", ")}, got ${String(market)}`);
  const random = new Random(deriveSeed(deriveSeed(seed, NAME_STREAM), index));
  return { givenName: names.given[random.nextInt(names.given.length)], familyName: names.family[random.nextInt(names.family.length)] };
}
