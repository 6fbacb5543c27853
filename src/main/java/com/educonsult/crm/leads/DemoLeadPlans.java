package com.educonsult.crm.leads;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The demo organization's leads as plain data: realistic Indian students with their courses, countries, budgets,
 * sources and where they stand in the education pipeline, drawn from a fixed seed so that every machine gets the
 * same leads (only their dates follow the day of seeding). No database.
 */
final class DemoLeadPlans {

    static final long SEED = 20_260_101L;
    static final int COUNT = 300;
    static final int DAYS = 60;

    /** One lead to create: who, what they want, where from, and the statuses it went through, with when. */
    record Plan(String firstName, String lastName, String gender, String phone, String email, String city,
            String state, int branch, Interest interest, List<String> countries, BigDecimal budgetMin,
            BigDecimal budgetMax, String intake, String education, BigDecimal percentage, int graduationYear,
            Source source, String priority, boolean assigned, int assigneeSlot, OffsetDateTime createdAt,
            OffsetDateTime assignedAt, List<String> path, List<OffsetDateTime> enteredAt) {
    }

    record Interest(String course, List<String> countries, int budgetFromLakhs, int budgetToLakhs,
            String education) {
    }

    record Source(String source, String platform, String details, String utmSource, String utmMedium,
            String utmCampaign) {
    }

    private record City(String name, String state, int branch) {
    }

    private static final List<String> MALE = List.of("Aarav", "Vivaan", "Aditya", "Arjun", "Sai", "Reyansh",
            "Krishna", "Ishaan", "Rohit", "Karthik", "Rahul", "Siddharth", "Aniket", "Harsh", "Yash", "Pranav",
            "Nikhil", "Varun", "Abhishek", "Manish", "Gaurav", "Akash", "Tushar", "Deepak", "Vignesh", "Arnav",
            "Kunal", "Shreyas", "Tanmay", "Rakesh");
    private static final List<String> FEMALE = List.of("Ananya", "Diya", "Aadhya", "Saanvi", "Ishita", "Priya",
            "Sneha", "Pooja", "Kavya", "Riya", "Neha", "Aishwarya", "Shruti", "Meghana", "Divya", "Tanvi", "Nandini",
            "Simran", "Anjali", "Lakshmi", "Swati", "Pallavi", "Harini", "Khushi", "Aditi", "Sakshi", "Bhavya",
            "Nisha", "Keerthana", "Radhika");
    private static final List<String> NORTH_SURNAMES = List.of("Sharma", "Verma", "Gupta", "Singh", "Kapoor",
            "Malhotra", "Chopra", "Agarwal", "Jain", "Bansal", "Saxena", "Arora", "Khanna", "Bhatia", "Chauhan",
            "Yadav", "Mishra", "Tiwari", "Srivastava", "Sethi");
    private static final List<String> SOUTH_SURNAMES = List.of("Reddy", "Rao", "Nair", "Menon", "Iyer", "Iyengar",
            "Pillai", "Hegde", "Shetty", "Gowda", "Krishnan", "Subramanian", "Naidu", "Kamath", "Bhat", "Prasad",
            "Murthy", "Raghavan", "Kulkarni", "Patil");
    private static final List<City> CITIES = List.of(
            new City("New Delhi", "Delhi", 0), new City("Gurugram", "Haryana", 0),
            new City("Noida", "Uttar Pradesh", 0),
            new City("Jaipur", "Rajasthan", 0), new City("Lucknow", "Uttar Pradesh", 0),
            new City("Chandigarh", "Chandigarh", 0), new City("Dehradun", "Uttarakhand", 0),
            new City("Bengaluru", "Karnataka", 1), new City("Mysuru", "Karnataka", 1),
            new City("Chennai", "Tamil Nadu", 1), new City("Hyderabad", "Telangana", 1), new City("Kochi", "Kerala", 1),
            new City("Coimbatore", "Tamil Nadu", 1), new City("Mangaluru", "Karnataka", 1));
    private static final List<Interest> INTERESTS = List.of(
            new Interest("MS Computer Science", List.of("USA", "Canada", "Germany", "Ireland"), 25, 45, "B.Tech"),
            new Interest("MSc Data Science", List.of("UK", "Ireland", "Germany", "Australia"), 20, 35, "B.Tech"),
            new Interest("MBA", List.of("UK", "Canada", "Australia", "USA"), 25, 50, "B.Com"),
            new Interest("MBBS abroad", List.of("Georgia", "Russia", "Philippines"), 25, 40, "12th (PCB)"),
            new Interest("BBA", List.of("Australia", "Canada", "UK", "New Zealand"), 12, 25, "12th (Commerce)"),
            new Interest("Master of Public Health", List.of("Australia", "UK", "New Zealand", "Canada"), 20, 35,
                    "B.Pharm"),
            new Interest("BSc Nursing", List.of("Australia", "New Zealand", "Canada", "UK"), 15, 30, "12th (PCB)"),
            new Interest("PG Diploma in Business Management", List.of("Canada", "New Zealand", "Ireland"), 8, 16,
                    "BBA"),
            new Interest("MEng Mechanical Engineering", List.of("Germany", "Canada", "USA"), 10, 35, "B.Tech"),
            new Interest("BSc Computer Science", List.of("UK", "Australia", "Canada", "USA"), 20, 40,
                    "12th (Science)"));
    private static final List<Source> SOURCES = List.of(
            new Source("facebook", "facebook", "Facebook lead ad: Study abroad 2027", null, null, null),
            new Source("instagram", "instagram", "Instagram lead ad: Canada intake", null, null, null),
            new Source("website", "website", "Enquiry form on the website", null, null, null),
            new Source("google_ads", "website", "Google search ad", "google", "cpc", "study-abroad-india"),
            new Source("walk_in", "walk_in", "Walked in to the branch", null, null, null),
            new Source("referral", "referral", "Referred by an enrolled student", null, null, null),
            new Source("shiksha", "import", "Shiksha.com enquiry", "shiksha", "portal", null),
            new Source("collegedunia", "import", "CollegeDunia enquiry", "collegedunia", "portal", null));
    private static final int[] SOURCE_WEIGHTS = {22, 14, 16, 12, 8, 10, 10, 8};

    /** The education pipeline's way to enrolment; a lost lead leaves it after some steps. */
    static final List<String> WAY = List.of("new", "contacted", "counselling_scheduled", "counselled",
            "application_submitted", "offer_received", "visa_applied", "enrolled");
    /** How many leads of a hundred end in each step of the way, then lost. */
    private static final int[] STATUS_WEIGHTS = {18, 20, 12, 12, 9, 7, 5, 6, 11};

    private DemoLeadPlans() {
    }

    static List<Plan> generate(OffsetDateTime now, ZoneId zone, Set<String> takenPhones) {
        Random random = new Random(SEED);
        Set<String> phones = new HashSet<>(takenPhones);
        List<Plan> plans = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            plans.add(plan(random, now, zone, phones, i));
        }
        return plans;
    }

    private static Plan plan(Random random, OffsetDateTime now, ZoneId zone, Set<String> phones, int index) {
        boolean female = random.nextBoolean();
        City city = pick(random, CITIES);
        String firstName = pick(random, female ? FEMALE : MALE);
        String lastName = pick(random, city.branch() == 0 ? NORTH_SURNAMES : SOUTH_SURNAMES);
        Interest interest = pick(random, INTERESTS);
        List<String> countries = countries(random, interest);
        int budgetFrom = interest.budgetFromLakhs() + random.nextInt(6);
        int budgetTo = Math.min(interest.budgetToLakhs() + 5, budgetFrom + 5 + random.nextInt(11));
        Source source = SOURCES.get(weighted(random, SOURCE_WEIGHTS));
        List<String> path = path(random);
        int steps = path.size() - 1;
        double ageDays = Math.min(DAYS, Math.pow(random.nextDouble(), 1.4) * DAYS + steps * 3.5);
        OffsetDateTime createdAt = officeHours(now.minusMinutes((long) (ageDays * 24 * 60)), zone, random, now);
        boolean assigned = steps > 0 || random.nextInt(10) < 6;
        OffsetDateTime assignedAt = assigned ? createdAt.plusMinutes(5 + random.nextInt(175)) : null;
        if (assignedAt != null && assignedAt.isAfter(now)) {
            assignedAt = createdAt.plusSeconds(Duration.between(createdAt, now).toSeconds() / 2);
        }
        int percentage = 58 + random.nextInt(38);
        return new Plan(firstName, lastName, female ? "female" : "male", phone(random, phones),
                email(random, firstName, lastName, index), city.name(), city.state(), city.branch(), interest,
                countries, lakhs(budgetFrom), lakhs(budgetTo), intake(random, now), interest.education(),
                BigDecimal.valueOf(percentage * 100L + random.nextInt(100), 2), graduationYear(random, now, interest),
                source, priority(random, path), assigned, random.nextInt(5), createdAt, assignedAt, path,
                enteredAt(random, createdAt, assignedAt, now, steps));
    }

    private static List<String> path(Random random) {
        int outcome = weighted(random, STATUS_WEIGHTS);
        if (outcome < WAY.size()) {
            return WAY.subList(0, outcome + 1);
        }
        List<String> lost = new ArrayList<>(WAY.subList(0, 1 + random.nextInt(4)));
        lost.add("lost");
        return lost;
    }

    /** When the lead entered each status: created, then the changes spread between assignment and now. */
    private static List<OffsetDateTime> enteredAt(Random random, OffsetDateTime createdAt, OffsetDateTime assignedAt,
            OffsetDateTime now, int steps) {
        List<OffsetDateTime> times = new ArrayList<>(List.of(createdAt));
        OffsetDateTime from = assignedAt == null ? createdAt : assignedAt;
        long span = Duration.between(from, now).toSeconds();
        double[] fractions = random.doubles(steps, 0.05, 0.95).sorted().toArray();
        for (double fraction : fractions) {
            times.add(from.plusSeconds(Math.max(60, (long) (span * fraction))));
        }
        return times;
    }

    /** The time of day moved into office hours (9:30 to 19:30 in the organization's zone), never after now. */
    private static OffsetDateTime officeHours(OffsetDateTime time, ZoneId zone, Random random, OffsetDateTime now) {
        var local = time.atZoneSameInstant(zone);
        var moved = local.withHour(9 + random.nextInt(10)).withMinute(30 + random.nextInt(30))
                .withSecond(random.nextInt(60)).toOffsetDateTime();
        return moved.isBefore(now) ? moved : now.minusMinutes(10 + random.nextInt(50));
    }

    private static List<String> countries(Random random, Interest interest) {
        List<String> countries = new ArrayList<>(List.of(pick(random, interest.countries())));
        if (random.nextInt(3) == 0) {
            String second = pick(random, interest.countries());
            if (!countries.contains(second)) {
                countries.add(second);
            }
        }
        return countries;
    }

    private static String phone(Random random, Set<String> taken) {
        while (true) {
            String phone = "+91" + (6 + random.nextInt(4)) + String.format(Locale.ROOT, "%09d",
                    random.nextInt(1_000_000_000));
            if (taken.add(phone)) {
                return phone;
            }
        }
    }

    private static String email(Random random, String firstName, String lastName, int index) {
        String domain = List.of("gmail.com", "gmail.com", "gmail.com", "yahoo.co.in", "outlook.com", "rediffmail.com")
                .get(random.nextInt(6));
        return (firstName + "." + lastName).toLowerCase(Locale.ROOT) + (index % 7 == 0 ? "" : index) + "@" + domain;
    }

    private static String intake(Random random, OffsetDateTime now) {
        YearMonth month = YearMonth.from(now).plusMonths(4 + random.nextInt(12));
        int[] intakes = {1, 5, 9};
        int chosen = intakes[random.nextInt(intakes.length)];
        YearMonth intake = YearMonth.of(month.getYear(), chosen);
        if (intake.isBefore(YearMonth.from(now).plusMonths(3))) {
            intake = intake.plusYears(1);
        }
        return intake.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + intake.getYear();
    }

    private static int graduationYear(Random random, OffsetDateTime now, Interest interest) {
        boolean school = interest.education().startsWith("12th");
        return now.getYear() - (school ? random.nextInt(2) : random.nextInt(5));
    }

    private static String priority(Random random, List<String> path) {
        if (path.getLast().equals("lost")) {
            return "cold";
        }
        int depth = path.size();
        int roll = random.nextInt(10);
        return depth >= 4 ? (roll < 6 ? "hot" : "warm") : roll < 3 ? "hot" : roll < 7 ? "warm" : "cold";
    }

    private static BigDecimal lakhs(int lakhs) {
        return BigDecimal.valueOf(lakhs * 100_000L);
    }

    private static int weighted(Random random, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
