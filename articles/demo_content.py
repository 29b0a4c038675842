"""
Demo content for the articles app: topics, reviewers and posts.

Everything here is fictional and was written for this project. Cedar Ridge Spine &
Orthopedics, the town of Maple Hollow, the staff writer and the reviewers are made
up, and any resemblance to real people or clinics is accidental. The posts are
general patient education, not medical advice for any one person.

Read by the load_demo_content management command. Days are counted back from the
day the content is loaded: a negative published_days_ago schedules a post for the
future, and None leaves it as a draft.
"""

AUTHOR = {
    "username": "clinic-writer",
    "first_name": "Tessa",
    "last_name": "Holloway",
}

TOPICS = [
    {
        "name": "Back pain",
        "slug": "back-pain",
        "description": (
            "Low back pain: why it happens, how to ease it at home, and when it "
            "needs a closer look."
        ),
    },
    {
        "name": "Neck pain",
        "slug": "neck-pain",
        "description": (
            "Stiff, sore necks from posture, strain and worn joints. Simple "
            "steps that often help, and signs that need a visit."
        ),
    },
    {
        "name": "Sciatica",
        "slug": "sciatica",
        "description": (
            "Nerve pain that runs from the low back into the buttock and leg. "
            "Learn the common causes and the treatments that help most people."
        ),
    },
    {
        "name": "Foot and ankle",
        "slug": "foot-and-ankle",
        "description": (
            "Sprains, bunions, heel pain and other problems that make standing "
            "and walking hard, with practical advice for recovery."
        ),
    },
    {
        "name": "Plantar fasciitis",
        "slug": "plantar-fasciitis",
        "description": (
            "The most common cause of heel pain in adults. Find out why the "
            "first steps of the day hurt and what you can do about it."
        ),
    },
    {
        "name": "Knee pain",
        "slug": "knee-pain",
        "description": (
            "Aches from arthritis, kneecap problems and injuries, plus exercises "
            "and habits that help knees feel stronger."
        ),
    },
]

REVIEWERS = [
    {
        "name": "Miriam Castellane",
        "slug": "miriam-castellane",
        "credentials": "MD, FAAOS",
        "specialty": "Orthopedic spine surgery",
        "bio": (
            "Dr. Castellane is a board-certified orthopedic surgeon who has "
            "cared for people with back and neck problems at Cedar Ridge Spine & "
            "Orthopedics for more than ten years. She believes most spine "
            "conditions are best treated with time, movement and clear "
            "explanations, and she saves surgery for when it is truly needed. "
            "She reviews our spine articles to make sure they are accurate and "
            "easy to follow. Outside the clinic, she coaches a youth soccer team "
            "in Maple Hollow."
        ),
    },
    {
        "name": "Owen Pritchard",
        "slug": "owen-pritchard",
        "credentials": "DPM",
        "specialty": "Foot and ankle surgery",
        "bio": (
            "Dr. Pritchard is a podiatric physician and surgeon who treats heel "
            "pain, ankle injuries, bunions and diabetic foot problems. He takes "
            "time to show patients how shoes, stretching and small daily habits "
            "can change how their feet feel. He reviews our foot and ankle "
            "articles for accuracy and practical advice. On weekends he hikes "
            "the trails around Maple Hollow."
        ),
    },
    {
        "name": "Jonah Abernethy",
        "slug": "jonah-abernethy",
        "credentials": "DPT, OCS",
        "specialty": "Orthopedic physical therapy",
        "bio": (
            "Jonah Abernethy is a doctor of physical therapy and a "
            "board-certified orthopedic clinical specialist. He helps people "
            "recover from back, neck and knee pain with hands-on care and "
            "exercise programs they can do at home. He reviews our articles on "
            "movement and exercise to make sure every instruction is safe and "
            "clear. A lifelong runner, he knows firsthand how frustrating an "
            "injury can be."
        ),
    },
]

POSTS = [
    {
        "title": "Low back pain: what to do in the first few days",
        "slug": "low-back-pain-first-days",
        "excerpt": (
            "A sudden flare of low back pain is scary, but most episodes ease "
            "within a few weeks. Here is how to stay comfortable, keep moving "
            "safely, and spot the rare signs that need urgent care."
        ),
        "topics": ["back-pain"],
        "reviewer": "miriam-castellane",
        "reviewed_days_ago": 12,
        "published_days_ago": 6,
        "related": ["back-pain-warning-signs", "sciatica-leg-pain-explained"],
        "body": """## Why it hurts so much

Low back pain can start with something as small as bending to pick up a sock.
One moment you feel fine. The next, you can hardly stand up straight.

The good news is that most new back pain comes from muscles, ligaments and
joints that are strained or irritated. It is not usually a sign of serious
damage. Many people feel a lot better within two to six weeks, even when the
first days are rough.

Pain is a signal, not a measure of harm. Your back can hurt a great deal while
it is healing normally.

## The first 48 hours

### Keep moving, gently

Bed rest used to be the standard advice. We now know that lying still for days
tends to slow recovery. Stiff muscles get stiffer, and you can lose strength
quickly.

Instead, try to:

- Get up and walk for a few minutes every hour or two while you are awake
- Change positions often, rather than sitting or lying for long stretches
- Keep doing light daily tasks, even if you do them more slowly than usual
- Pause any movement that sends a sharp, stabbing pain, then try again later

Short, easy walks are often the best medicine in the first week.

### Heat or ice

Both can ease pain. Some people like ice in the first day or two, and heat
after that. Others like heat from the start. Use whatever feels better to you.

Limit each session to about 15 to 20 minutes, and always keep a cloth between
your skin and the pack. If you have diabetes or reduced feeling in your skin,
check with your doctor first.

### Pain relievers

Over-the-counter medicines such as acetaminophen, ibuprofen or naproxen may
help you stay active. Follow the label. Ask a pharmacist or your doctor before
using them if you have kidney disease, stomach ulcers or heart disease, or if
you take a blood thinner.

## Sleeping and sitting

Finding a comfortable position at night can be hard. Try lying on your side
with a pillow between your knees. Or lie on your back with a pillow under your
knees.

When you sit, choose a firm chair with good back support. A small rolled towel
behind your lower back can help. Stand up and stretch every 30 minutes or so.

## Do you need an X-ray or MRI?

Usually not in the first few weeks. Scans often show changes, like worn discs,
that are also common in people with no pain at all. They rarely change the
early plan for simple back pain.

Your doctor may order imaging if the pain follows a bad fall or accident, lasts
longer than expected, or comes with warning signs.

## Get help right away if...

Go to an emergency room right away if back pain comes with any of these:

- New trouble controlling your bladder or bowels
- Numbness in the groin, genitals or inner thighs
- Sudden or worsening weakness in one or both legs
- Fever or chills along with back pain
- Back pain after a serious fall or car crash

These signs are rare. But they can mean pressure on nerves or an infection that
needs fast treatment.

## When to see a specialist

Call our clinic to book a visit if your pain is not clearly better after two to
three weeks, if it keeps you from work or sleep, or if pain or tingling spreads
down your leg. Also call if you have had cancer, have lost weight without
trying, or have pain that is worse at night and does not ease with rest.

We can examine your back, explain what is likely going on, and help you build a
plan to get moving again.
""",
    },
    {
        "title": "Sciatica: why your leg hurts when the problem is in your back",
        "slug": "sciatica-leg-pain-explained",
        "excerpt": (
            "Sciatica is nerve pain that travels from the low back into the "
            "buttock and leg. Learn what causes it, what usually helps, and "
            "which symptoms mean you should get care the same day."
        ),
        "topics": ["sciatica", "back-pain"],
        "reviewer": "miriam-castellane",
        "reviewed_days_ago": 20,
        "published_days_ago": 14,
        "related": ["herniated-disc-treatment-options", "low-back-pain-first-days"],
        "body": """## What sciatica is

Sciatica is not a diagnosis on its own. It is a name for a pattern of pain. The
pain follows the path of the sciatic nerve, which runs from your lower back,
through your buttock, and down the back of your leg.

People describe it in many ways. It may burn, shoot or feel like an electric
shock. Some people feel pins and needles or numbness in the calf or foot. The
leg often hurts more than the back.

Usually only one leg is affected.

## What causes it

The sciatic nerve is made from several nerve roots that leave the spine in the
lower back. When one of those roots is pressed on or irritated, pain can travel
down the leg.

Common causes include:

- A herniated or bulging disc, where the soft center of a spinal disc pushes
  out and presses on a nerve root
- Spinal stenosis, a narrowing of the space around the nerves, which is more
  common after age 50
- A vertebra that has slipped forward over the one below it
- Less often, tight or irritated muscles deep in the buttock

Sitting for a long time, coughing or sneezing can make disc-related sciatica
flare.

## What usually helps

Many people with sciatica improve over several weeks to a few months without
surgery. Recovery is often slow and uneven, with good days and bad days. That
is normal.

### At home

- Stay as active as you can. Short walks are usually better than long rests.
- Avoid sitting for long stretches. Stand and move every 20 to 30 minutes.
- Try heat or ice on your lower back for 15 to 20 minutes at a time.
- Use over-the-counter pain relievers as the label directs, if they are safe
  for you.

### With your care team

A physical therapist can teach you movements that calm the nerve and strengthen
your back and hips. Some people find that certain positions, like gently
arching the back while lying on the stomach, ease their leg pain.

If pain stays severe, your doctor may talk with you about prescription
medicines or a steroid injection near the irritated nerve. These do not work
for everyone, but they can ease pain enough for you to stay active.

Surgery is an option for some people. It is usually considered when leg pain
stays severe for many weeks despite other care, or when weakness is getting
worse.

## Signs that need urgent care

Sciatica is rarely an emergency. But a large disc herniation can press on the
bundle of nerves at the very bottom of the spine. This needs care within hours.

Go to an emergency room right away if you have:

- New trouble passing urine, or leaking urine or stool
- Numbness in the groin, buttocks or inner thighs, the area that would touch a
  saddle
- Weakness in a leg or foot that is getting worse, such as a foot that slaps or
  drags when you walk
- Sciatica in both legs at once

## When to see a specialist

Call our clinic if leg pain has not started to ease after four to six weeks, if
it keeps you from sleeping or working, or if you notice numbness or mild
weakness that does not go away.

Our spine team can test the strength and feeling in your legs, decide whether
imaging would help, and talk through every option, starting with the simplest.
""",
    },
    {
        "title": "Herniated disc: your treatment options, from simple to surgical",
        "slug": "herniated-disc-treatment-options",
        "excerpt": (
            "Most herniated discs get better without surgery. Here is a plain "
            "guide to the usual steps, from staying active and physical therapy "
            "to injections and surgery, and how to decide what fits you."
        ),
        "topics": ["back-pain", "sciatica"],
        "reviewer": "miriam-castellane",
        "reviewed_days_ago": 35,
        "published_days_ago": 30,
        "related": ["sciatica-leg-pain-explained"],
        "body": """## What a herniated disc is

Between the bones of your spine sit soft, round cushions called discs. Each
disc has a tough outer ring and a gel-like center.

With age and everyday wear, the outer ring can weaken. Sometimes part of the
center pushes through. This is called a herniated, slipped or ruptured disc. If
it presses on a nearby nerve, it can cause back pain, leg pain, numbness or
weakness.

Many people have disc changes on an MRI and feel no pain at all. A scan alone
does not tell the whole story. How you feel and what your exam shows matter
most.

## The good news

Over time, the body often shrinks or clears away the part of the disc that has
pushed out. Many people feel much better within six to twelve weeks. That is
why treatment usually starts simple and steps up only if needed.

## Step 1: Stay active and manage pain

- Keep up light activity, like walking
- Avoid long periods of sitting and heavy lifting for now
- Use heat, ice or over-the-counter pain relievers if they are safe for you
- Sleep in whatever position eases your leg pain

## Step 2: Physical therapy

A physical therapist will look at how you move and which positions make your
pain better or worse. Your program may include:

- Gentle movements to ease pressure on the nerve
- Core and hip strengthening
- Advice on lifting, bending and sitting
- A plan to return to work, sports or hobbies

Doing your home exercises most days is one of the most useful things you can
do.

## Step 3: Injections

If pain is still severe after a few weeks, your doctor may suggest an epidural
steroid injection. A small amount of anti-inflammatory medicine is placed near
the irritated nerve, usually with X-ray guidance.

### What to expect

Relief varies. Some people feel better for months. Others get a short break or
little change. An injection does not fix the disc, but it can calm pain enough
to let you move and do your therapy.

Like any procedure, injections have small risks, such as infection, bleeding or
a headache. Your doctor will go over them with you first.

## Step 4: Surgery

Surgery may be worth talking about if:

- Leg pain stays severe after about six weeks or more of good non-surgical care
- Weakness in your leg or foot is getting worse
- Pain keeps you from daily life and other options have not helped

The most common operation removes the piece of disc pressing on the nerve
through a small cut. Many people have less leg pain soon after. Surgery tends
to help leg pain more than back pain, and a disc can herniate again.

### Questions to ask your surgeon

- What result can I realistically expect?
- What might happen if I wait a little longer?
- How long is recovery, and when can I go back to work?

## Get help right away if...

Loss of bladder or bowel control, numbness in the groin or inner thighs, or
sudden leg weakness can mean severe pressure on the nerves. Go to an emergency
room right away.

## When to see a specialist

If disc pain is not improving after several weeks, or you want help weighing
your options, call our clinic. We will work with you to choose a plan that fits
your symptoms, your goals and your life.
""",
    },
    {
        "title": "Why your heel hurts with your first steps in the morning",
        "slug": "morning-heel-pain",
        "excerpt": (
            "Sharp heel pain with your first steps out of bed is a classic sign "
            "of plantar fasciitis. Learn why mornings are the worst, and simple "
            "things you can start doing today to ease it."
        ),
        "topics": ["plantar-fasciitis", "foot-and-ankle"],
        "reviewer": "owen-pritchard",
        "reviewed_days_ago": 15,
        "published_days_ago": 9,
        "related": ["plantar-fasciitis-stretching-routine"],
        "body": """## That first step

You swing your feet out of bed, stand up, and feel a sharp stab in the bottom
of your heel. After a few minutes of hobbling around, it eases. Later, after
you sit for a while, it comes back when you stand.

If that sounds familiar, you are not alone. This pattern is the most common
sign of plantar fasciitis, one of the top reasons adults have heel pain.

## What is the plantar fascia?

The plantar fascia is a thick, tough band of tissue along the bottom of your
foot. It runs from your heel bone to the base of your toes and helps hold up
your arch.

Each step puts load on this band. When it is strained over and over, faster
than it can recover, the spot where it attaches to the heel gets irritated and
sore.

## Why mornings are the worst

While you sleep, your foot tends to rest with the toes pointed down. The
plantar fascia and calf muscles relax in a shortened position.

Your first steps stretch that tight tissue all at once. That sudden pull on the
sore spot causes the sharp pain. As you walk, the tissue warms up and loosens,
so the pain often fades, until the next time you rest.

## Who gets it

Plantar fasciitis can happen to anyone, but it is more likely if you:

- Recently started walking, running or standing much more than usual
- Have tight calf muscles or a stiff ankle
- Spend long hours on your feet on hard floors
- Wear worn-out or very flat shoes, or often go barefoot at home
- Carry extra body weight
- Have very high or very flat arches

## What you can start today

### Before you get out of bed

- Loop a towel around the ball of your foot and gently pull your toes toward
  you for 30 seconds. Repeat three times.
- Trace the alphabet in the air with your foot to warm up the ankle.

### During the day

- Wear supportive shoes with a cushioned heel, even around the house
- Avoid walking barefoot on tile or wood floors
- Roll your arch over a cold water bottle for a few minutes in the evening
- Cut back on high-impact activities for a while, and try biking or swimming
  instead

### Be patient

Heel pain often improves slowly. Most people get better without surgery, but it
can take several months. Sticking with simple care every day makes a real
difference.

## When it may be something else

Not all heel pain is plantar fasciitis. Get checked soon if:

- The pain started after a fall, a jump or another injury
- You cannot put weight on the foot
- Your heel is swollen, red or warm, or you have a fever
- You have numbness, tingling or burning in the foot
- You have diabetes or poor circulation and notice any foot pain or sores

## When to see a specialist

Call our clinic if your heel pain lasts more than a few weeks despite home
care, if it is getting worse, or if it is changing the way you walk. Our foot
and ankle team can confirm the cause and add treatments like shoe inserts, a
night splint or a guided therapy plan.
""",
    },
    {
        "title": "Plantar fasciitis: a gentle daily stretching routine",
        "slug": "plantar-fasciitis-stretching-routine",
        "excerpt": (
            "Stretching your calf and the bottom of your foot is one of the "
            "simplest ways to ease plantar fasciitis. This short routine takes "
            "about ten minutes and needs only a towel, a step and a water "
            "bottle."
        ),
        "topics": ["plantar-fasciitis"],
        "reviewer": "jonah-abernethy",
        "reviewed_days_ago": 400,
        "published_days_ago": 430,
        "related": ["morning-heel-pain"],
        "body": """## Why stretching helps

Plantar fasciitis is irritation of the thick band of tissue that runs along the
bottom of your foot. Tight calf muscles and a stiff ankle pull on that band
with every step. Over time, this extra pull can keep the heel sore.

Gentle, regular stretching helps the tissue handle load better. It will not fix
things overnight, but many people notice less morning pain after a few weeks of
daily practice.

## Before you start

- Stretch slowly. You should feel a steady pull, not sharp pain.
- Do not bounce.
- Breathe normally and hold each stretch for about 30 seconds, unless noted.
- Stretch both feet, even if only one hurts.
- If a stretch makes your pain clearly worse the next day, ease off or skip it.

## The routine

Aim to do this once or twice a day. Mornings and evenings work well.

### 1. Towel stretch in bed

Sit with your legs straight. Loop a towel around the ball of your foot. Keep
your knee straight and gently pull the towel toward you until you feel a
stretch in your calf and arch.

Hold for 30 seconds. Repeat three times on each foot. This one is great to do
before your first steps in the morning.

### 2. Wall calf stretch

Stand facing a wall with your hands on it. Step one foot back and keep that
heel flat on the floor, knee straight. Bend your front knee and lean toward the
wall until you feel a stretch in the back calf.

Hold for 30 seconds, three times on each side.

### 3. Bent-knee calf stretch

Do the same stretch, but now bend the back knee slightly while keeping the heel
down. You will feel this one lower in the calf, closer to the heel.

Hold for 30 seconds, three times on each side.

### 4. Arch stretch

Sit and cross your sore foot over the other knee. Hold your toes and gently
pull them back toward your shin. You should feel a stretch along the arch.

Hold for 10 to 15 seconds, and repeat ten times.

### 5. Arch roll

While seated, roll the bottom of your foot back and forth over a frozen water
bottle for about five minutes. This loosens and cools the tissue at the same
time.

### 6. Step stretch

Stand on a stair with the balls of your feet on the edge, holding the rail.
Slowly lower your heels until you feel a stretch, then rise back up. Start with
ten slow repeats. Skip this one if it causes sharp pain.

## Make it a habit

- Link the routine to something you already do, like brushing your teeth
- Keep a towel by your bed and a water bottle in the freezer
- Give it at least four to six weeks before judging how well it works

## Stretching is one part of the plan

Supportive shoes, avoiding bare feet on hard floors, and easing back on long
runs or long hours of standing all help too. Your care team may also suggest
strengthening exercises, heel cups or a night splint.

## When to see a specialist

Call our clinic if heel pain is not improving after six to eight weeks of
regular stretching, or if it is getting worse. Get checked sooner if you have
swelling, numbness or tingling, or if the pain began with an injury. We can
look for other causes and tailor a plan for you.
""",
    },
    {
        "title": "Ankle sprain recovery: what to expect, week by week",
        "slug": "ankle-sprain-recovery",
        "excerpt": (
            "A rolled ankle can take anywhere from a couple of weeks to a few "
            "months to heal. Here is a rough timeline, the exercises that matter "
            "most, and the signs that mean you should get an X-ray."
        ),
        "topics": ["foot-and-ankle"],
        "reviewer": "owen-pritchard",
        "reviewed_days_ago": 25,
        "published_days_ago": 21,
        "related": [],
        "body": """## What happens when you sprain your ankle

Most ankle sprains happen when the foot rolls inward, like stepping off a curb
the wrong way or landing on someone else's foot. This stretches or tears the
ligaments on the outside of the ankle. Ligaments are strong bands that hold
bones together.

Sprains are graded by how badly the ligaments are hurt:

- **Mild:** the ligaments are stretched. There is some swelling and soreness,
  but you can walk.
- **Moderate:** the ligaments are partly torn. There is more swelling and
  bruising, and walking hurts.
- **Severe:** a ligament is fully torn. The ankle may feel wobbly, and walking
  is very hard.

## Does it need an X-ray?

Many sprains do not. But get checked the same day if:

- You could not take four steps right after the injury, or cannot now
- It hurts to press on the bony bumps on either side of the ankle
- The foot looks out of shape, or the skin is broken over the injury
- The outer edge of your foot, about halfway along, is very tender
- Your foot is numb, cold or pale

## A rough timeline

Everyone heals at their own pace. Mild sprains may feel better in one to three
weeks. Moderate sprains often take three to six weeks. Severe sprains can take
several months.

### Days 1 to 3: protect and calm

- Rest the ankle, but do not keep it completely still for days
- Raise your foot above the level of your heart when you can
- Use a compression wrap if it feels supportive
- Use crutches if walking is very painful, and start putting weight on it as
  pain allows

Ice can ease pain. Use it for 15 to 20 minutes at a time, with a cloth against
the skin.

### Weeks 1 to 2: start moving

Gentle motion helps the ankle heal. Try:

- Tracing the alphabet in the air with your toes
- Pointing and flexing your foot
- Walking normally, in a supportive shoe or brace, as pain allows

### Weeks 2 to 6: build strength and balance

This is the stage many people skip, and it is the one that helps prevent repeat
sprains. Balance training retrains the nerves and muscles that keep your ankle
steady.

- Stand on the injured leg for 30 seconds, holding a counter at first
- Rise up onto your toes and lower slowly
- Use a stretchy exercise band to push your foot out, in, up and down

### Back to sports

Before you return to running or sports, you should be able to walk, hop and
change direction without pain or wobbling. A brace or tape may help for the
first few months back.

## Why some ankles keep rolling

If a sprain is not fully rehabbed, the ankle may stay weak and unsteady. Some
people end up spraining the same ankle again and again. Finishing your balance
and strength exercises is the best way to lower that risk.

## When to see a specialist

Call our clinic if you still cannot walk on the ankle after a few days, if pain
and swelling are not improving after two weeks, or if your ankle keeps giving
way. We can check for a broken bone, a more serious ligament or tendon injury,
or damage inside the joint, and guide your rehab.
""",
    },
    {
        "title": "Bunions: what helps, and when surgery makes sense",
        "slug": "bunions-what-helps",
        "excerpt": (
            "A bunion is a bony bump at the base of the big toe that can make "
            "shoes painful. Learn what causes bunions, how to ease the pain day "
            "to day, and when an operation is worth considering."
        ),
        "topics": ["foot-and-ankle"],
        "reviewer": "owen-pritchard",
        "reviewed_days_ago": 70,
        "published_days_ago": 60,
        "related": [],
        "body": """## What is a bunion?

A bunion is a bony bump on the inside of the foot, at the joint where the big
toe meets the foot. It forms when the big toe slowly leans toward the smaller
toes, which pushes the joint outward.

Bunions usually develop over many years. Some stay small and cause few
problems. Others grow larger and make walking and wearing shoes painful.

## Common symptoms

- A bump at the base of the big toe
- Redness, swelling or a sore spot where shoes rub
- Pain or stiffness in the big toe joint
- Calluses or corns where the big toe and second toe press together
- A second toe that starts to bend or cross over the big toe

## What causes them

Bunions tend to run in families. The shape of your foot and the way it moves
when you walk play a big role.

Tight, narrow or pointed shoes and high heels may not cause bunions on their
own. But they can speed them up and make them hurt more. Arthritis and flat
feet can also add to the problem.

## What helps

Non-surgical care cannot straighten the toe. But it can often ease pain and
help you stay active.

### Shoes

- Choose shoes with a wide, deep toe box so your toes are not squeezed
- Look for soft uppers that do not press on the bump
- Keep heels low, ideally under two inches
- Shop for shoes late in the day, when feet are at their largest

### Pads and inserts

- Gel or felt bunion pads can cushion the bump
- Toe spacers may make the toes more comfortable
- Arch supports or custom inserts can help if your foot rolls inward

### Other relief

- Ice the sore area for 15 minutes after a long day
- Use over-the-counter pain relievers as the label directs, if they are safe
  for you
- Gentle toe stretches can keep the joint moving

## When surgery makes sense

Surgery is usually for bunions that cause ongoing pain, not for looks alone. It
may be worth discussing if:

- Pain limits walking or daily activities, even in good shoes
- The big toe joint is stiff or swollen most of the time
- The second toe is being pushed out of place
- Non-surgical care has not helped after a fair trial

There are many types of bunion surgery. Most involve cutting and realigning the
bone, and sometimes adjusting the soft tissues around the joint.

### Recovery

Recovery takes time. You may wear a special shoe or boot for several weeks.
Swelling can last for months, and full recovery often takes three to six months
or longer. Like any surgery, it has risks, and a bunion can come back.

## Extra care if you have diabetes

If you have diabetes or poor circulation, check your feet every day. Call right
away if you notice a sore, a blister, or a red, warm area over a bunion. Small
wounds can become serious quickly.

## When to see a specialist

Call our clinic if a bunion is painful most days, if your shoes no longer fit,
or if your toes are changing shape. Our foot and ankle team can examine the
joint, take X-rays if needed, and walk you through every option.
""",
    },
    {
        "title": "Knee pain on the stairs: common causes and what helps",
        "slug": "knee-pain-on-stairs",
        "excerpt": (
            "If climbing or going down stairs makes your knee ache, you are far "
            "from alone. Here are the usual causes, simple ways to make stairs "
            "easier, and exercises that build support for the knee."
        ),
        "topics": ["knee-pain"],
        "reviewer": "jonah-abernethy",
        "reviewed_days_ago": 80,
        "published_days_ago": 75,
        "related": ["knee-arthritis-staying-active", "ankle-sprain-recovery"],
        "body": """## Why stairs are hard on knees

Stairs ask a lot of your knees. Each step up or down puts several times your
body weight through the joint. Going down is often worse, because your thigh
muscles have to control the knee as it bends under load.

So it is no surprise that stairs are often the first place knee pain shows up.

## Common causes

### Pain around or behind the kneecap

This is often called patellofemoral pain, or runner's knee. It is common in
teens, runners and people who have recently become more active. The ache is
usually around the front of the knee. It tends to get worse with stairs,
squats, or sitting with bent knees for a long time.

### Osteoarthritis

With age, the smooth cartilage that covers the ends of the bones can wear thin.
The knee may feel stiff in the morning or after sitting. It may ache with
stairs, long walks or standing. Some people notice swelling or a grinding
feeling.

### Meniscus problems

The meniscus is a rubbery cushion inside the knee. It can tear with a twist, or
slowly wear down with age. Signs include pain on one side of the knee,
swelling, or a catching or locking feeling.

### Tendon irritation

The tendon just below the kneecap can get sore from jumping or running. The
pain is usually right below the kneecap.

## Making stairs easier today

- Use the handrail every time
- Going up, lead with your stronger leg. Going down, lead with the sore leg.
- Take one step at a time if you need to
- Keep your knee lined up over your second toe, not caving inward
- Wear supportive, cushioned shoes

## Exercises that help

Strong thigh and hip muscles act like shock absorbers for the knee. Try these
most days, and stop if the pain is sharp.

- **Straight leg raise:** lie on your back, tighten your thigh, and lift the
  straight leg to the height of your other bent knee. Lower slowly. Do 10 to
  15.
- **Sit to stand:** stand up from a chair without using your hands, then sit
  back down slowly. Do 10.
- **Side-lying leg lift:** lie on your side and lift the top leg toward the
  ceiling, keeping it straight. Do 10 to 15 on each side.
- **Step-ups:** on the bottom stair, step up and down slowly while holding the
  rail. Start with 10.

A little soreness during exercise is often okay if it settles within a day. If
pain keeps building, cut back.

## Other things that help

- Staying active with low-impact exercise like cycling, swimming or walking on
  flat ground
- Losing even a small amount of weight, if you carry extra, to take strain off
  the knees
- Ice or heat for comfort

## Get help right away if...

- You cannot put weight on the leg after an injury
- The knee is hot, red and swollen, especially with a fever
- The knee locks and will not straighten
- Your calf is swollen, warm and painful

## When to see a specialist

Call our clinic if knee pain lasts more than a few weeks, keeps you from daily
activities, or comes with swelling, locking or giving way. We can find the
cause and build a plan to help you handle stairs with more confidence.
""",
    },
    {
        "title": "Neck pain from screens and desks: small changes that help",
        "slug": "neck-pain-screens-and-desks",
        "excerpt": (
            "Hours of looking down at phones and laptops can leave your neck "
            "stiff and sore. These simple changes to your setup and habits can "
            "ease the strain. Plus, the signs that mean you should see a doctor."
        ),
        "topics": ["neck-pain"],
        "reviewer": "jonah-abernethy",
        "reviewed_days_ago": 95,
        "published_days_ago": 90,
        "related": ["low-back-pain-first-days"],
        "body": """## Why screens bother your neck

An adult head weighs about 10 to 12 pounds. When it sits balanced over your
shoulders, your neck muscles do not have to work very hard.

When you lean your head forward to look at a phone or laptop, those muscles
have to hold that weight out in front of you. Do that for hours a day, and your
neck and upper back can become tight, achy and tired. Some people also get
headaches that start at the base of the skull.

The good news is that this kind of neck pain often improves with small, steady
changes.

## Set up your space

### At a desk

- Raise your screen so the top is at or just below eye level
- Sit about an arm's length from the screen
- Keep your keyboard close, so your elbows rest near your sides
- Choose a chair that supports your lower back, with your feet flat on the
  floor
- If you work on a laptop for long periods, raise it and add a separate
  keyboard

### With your phone

- Bring the phone up toward eye level instead of dropping your head
- Rest your elbows on a table or a pillow to take the load off your arms
- Use speaker mode or a headset for long calls, instead of pinning the phone
  with your shoulder

## Move more often

Even a perfect setup becomes a problem if you stay still too long. Your neck
likes movement.

- Set a reminder to change position every 30 minutes
- Stand up, roll your shoulders and look around the room
- Take short walks during breaks

### Simple neck moves

Do these slowly and gently, within a comfortable range:

- **Chin tucks:** sit tall and gently draw your chin straight back, as if
  making a double chin. Hold for 5 seconds. Repeat 10 times.
- **Shoulder blade squeeze:** pull your shoulder blades back and down. Hold for
  5 seconds. Repeat 10 times.
- **Side bends:** tip your ear toward your shoulder until you feel a gentle
  stretch. Hold for 20 seconds on each side.
- **Turns:** slowly turn your head to look over each shoulder.

Stop any movement that causes sharp pain, dizziness, or tingling in your arms.

## Other things that help

- Heat on tight muscles for 15 to 20 minutes
- A pillow that keeps your neck level with the rest of your spine while you
  sleep
- Regular exercise, like walking or swimming, to ease overall tension
- Over-the-counter pain relievers, if they are safe for you

## Get help right away if...

Neck pain is rarely serious. But go to an emergency room if you have:

- Neck pain after a fall, car crash or other injury
- A stiff neck with fever, a severe headache or confusion
- New weakness, clumsiness or trouble using your hands
- Trouble walking or keeping your balance
- Loss of bladder or bowel control

## When to see a specialist

Call our clinic if your neck pain lasts more than a few weeks, keeps coming
back, or spreads into your shoulder or arm with numbness or tingling. We can
check for a pinched nerve or other causes and guide you through a plan to feel
better.
""",
    },
    {
        "title": "Back pain warning signs: when to go to the emergency room",
        "slug": "back-pain-warning-signs",
        "excerpt": (
            "Most back pain is not dangerous and gets better on its own. A few "
            "symptoms, though, need care the same day. Here is a clear list of "
            "warning signs and what to do if you notice one."
        ),
        "topics": ["back-pain"],
        "reviewer": "miriam-castellane",
        "reviewed_days_ago": 130,
        "published_days_ago": 120,
        "related": ["low-back-pain-first-days", "sciatica-leg-pain-explained"],
        "body": """## Most back pain is not an emergency

Back pain is one of the most common reasons people see a doctor. Most cases
come from strained muscles, stiff joints or worn discs. They can hurt a lot,
but they usually get better with time, gentle movement and simple care.

Still, for a small number of people, back pain is a sign of something that
needs fast treatment. Knowing the warning signs, sometimes called red flags,
helps you act quickly if you need to.

## Go to the emergency room right away

### Signs of severe nerve pressure

At the bottom of the spine is a bundle of nerves that controls your legs,
bladder and bowels. If something presses hard on these nerves, it is called
cauda equina syndrome. It is rare, but it is an emergency. Treatment within
hours gives the best chance of saving nerve function.

Watch for:

- Trouble starting to urinate, or not being able to empty your bladder
- Leaking urine or stool without meaning to
- Numbness in the groin, genitals, buttocks or inner thighs
- New sexual problems, such as loss of feeling
- Weakness or numbness in both legs

### Signs of infection

- Fever or chills along with back pain
- Back pain that starts after a recent infection, surgery or spinal injection
- Back pain when your immune system is weakened by illness or medicine

### Signs of a serious injury

- Back pain after a car crash, a bad fall or a hard blow
- Back pain after even a small fall if you are older or have thin bones

### Other urgent signs

- Sudden, severe pain in the back or belly that feels tearing or throbbing,
  especially in older adults or people with high blood pressure. This can be a
  problem with the body's main blood vessel.
- Sudden weakness in a leg or foot, such as a foot that drags

## Call your doctor soon

These signs are not always emergencies, but they need a prompt visit within a
few days:

- A past history of cancer
- Weight loss you cannot explain
- Pain that is worse at night, or does not ease at all with rest or changing
  position
- Pain that keeps getting worse week after week
- Numbness or tingling in one leg that is spreading
- A first serious bout of back pain after age 50

## What to tell the care team

When you seek care, it helps to share:

- When the pain started and what you were doing
- Where it hurts, and whether it spreads into a leg
- Any changes in bladder or bowel habits
- Your medical history, including cancer, infections or long-term steroid use
- Which medicines you have already tried

## When to see a specialist

If you have any of the emergency signs above, do not wait for a clinic visit.
Go to the nearest emergency room.

For back pain without warning signs that is not improving after a few weeks,
call our clinic. Our spine team can examine you, decide whether tests are
needed, and help you plan the next steps.
""",
    },
    {
        "title": "Knee arthritis: how to stay active when your knees are stiff",
        "slug": "knee-arthritis-staying-active",
        "excerpt": (
            "Knee osteoarthritis can make walking and stairs harder, but "
            "movement is still one of the best treatments. Here is how to "
            "exercise safely, handle flares, and know when to talk about other "
            "options."
        ),
        "topics": ["knee-pain"],
        "reviewer": "jonah-abernethy",
        "reviewed_days_ago": 8,
        "published_days_ago": -3,
        "related": ["knee-pain-on-stairs"],
        "body": """## Why movement matters

Knee osteoarthritis is a slow change in the joint. The smooth cartilage that
cushions the ends of the bones thins, and the knee can become stiff, achy and
sometimes swollen.

It is natural to want to rest a sore knee. But too much rest tends to make
things worse. Muscles weaken, the joint stiffens, and everyday tasks get
harder.

Regular, sensible movement helps in several ways. It strengthens the muscles
that support the knee, keeps the joint flexible, and can ease pain over time.
It does not cure arthritis, but for many people it is one of the most helpful
treatments there is.

## Choosing the right activities

Low-impact activities are usually easiest on the knees:

- Walking on flat ground at a comfortable pace
- Cycling, on a stationary or regular bike
- Swimming or water exercise
- Gentle strength training
- Tai chi or gentle yoga

You do not have to give up everything you enjoy. Talk with your care team about
how to keep doing the activities that matter to you.

## A simple weekly plan

### Start small

If you have not been active, begin with 10 minutes of walking or cycling a day.
Add a few minutes each week. A common goal is about 150 minutes of moderate
activity a week, spread over several days.

### Add strength

Two or three days a week, do exercises for your thighs and hips, such as:

- Sit to stand from a chair
- Straight leg raises
- Mini squats while holding a counter
- Side-lying leg lifts

### Keep it flexible

Gently bend and straighten your knee several times a day, especially after
sitting for a while.

## The pain rule of thumb

Some discomfort during exercise is normal with arthritis. A helpful guide:

- Mild pain that settles within an hour or two is usually okay
- If pain or swelling is worse the next day, do a little less next time
- Sharp pain, or a knee that gives way, means stop and check in with us

## Handling flares

Arthritis often has good weeks and bad weeks. During a flare:

- Scale back, but try not to stop moving completely
- Use ice for swelling or heat for stiffness
- Try a cane, held in the hand opposite the sore knee
- Use pain relievers as your doctor or pharmacist advises

## Other things that help

- Losing some weight, if needed, to ease the load on your knees with every step
- Supportive shoes with good cushioning
- A knee brace, for some people
- Physical therapy, for a plan built around your knee

Some people benefit from injections. When pain stays severe despite these
steps, knee replacement is an option to discuss. It is a big decision, and your
care team can help you weigh the benefits and risks.

## When to see a specialist

Call our clinic if knee pain is limiting your walking, your sleep or your daily
life, or if you are not sure which exercises are safe for you. Get care right
away if your knee becomes hot, red and very swollen, especially with a fever,
or if you cannot put weight on it.
""",
    },
    {
        "title": "Sleeping with back pain or sciatica: positions that may help",
        "slug": "sleeping-with-back-pain",
        "excerpt": (
            "Back pain and sciatica can make a good night's sleep hard to find. "
            "These positions, pillow tricks and bedtime habits may help you rest "
            "more comfortably."
        ),
        "topics": ["back-pain", "sciatica"],
        "reviewer": None,
        "reviewed_days_ago": None,
        "published_days_ago": None,
        "related": ["sciatica-leg-pain-explained"],
        "body": """## Why nights can be hard

When your back hurts, lying down should bring relief. Often it does not. You
may wake up every time you turn over, or get up in the morning stiff and sore.

Poor sleep can make pain feel worse, and pain can make sleep worse. Breaking
that cycle, even a little, can help you feel better during the day.

There is no single best position for everyone. The goal is to find one that
keeps your spine in a relaxed, natural line and eases pressure on sore spots.

## Positions to try

### On your side

Side sleeping is a favorite for many people with back pain and sciatica.

- Lie on the side that feels better. With sciatica, many people prefer to keep
  the painful leg on top.
- Bend your knees slightly toward your chest
- Place a firm pillow between your knees to keep your hips level
- Tuck a small pillow under your waist if there is a gap

### On your back

- Put a pillow or two under your knees to ease strain on the lower back
- Use a pillow that supports your neck without pushing your head forward
- Try a small rolled towel under your lower back for extra comfort

### Curled up

Some people with spinal stenosis feel better lying on their side, curled into a
loose ball. Bending forward can open up space around the nerves.

### On your stomach

Stomach sleeping can strain the neck and lower back. If it is the only way you
can sleep, place a thin pillow under your hips and belly, and use a flat
pillow, or none, under your head.

## Getting in and out of bed

Moving the wrong way can set off a spasm. Try the log roll:

- To get up, roll onto your side, bend your knees, and let your legs slide off
  the edge of the bed
- Push up with your arms as your legs go down
- To lie down, do the same steps in reverse

## Your mattress

A medium-firm mattress suits many people with back pain, but your own comfort
matters most. If your mattress sags, a mattress topper or a firm board under
the mattress may help for now.

## Bedtime habits

- Use heat on your back for 15 to 20 minutes before bed to relax tight muscles
- Do a few gentle stretches your care team has shown you
- Keep a regular sleep schedule
- Limit screens and caffeine in the evening
- Ask your doctor about timing pain medicine so it helps overnight

## When to see a specialist

Call our clinic if pain keeps you awake most nights, or if night pain does not
ease with any change of position. Pain that is worse at night, along with
fever, weight loss or a history of cancer, needs a prompt visit.

Go to an emergency room right away for loss of bladder or bowel control,
numbness in the groin or inner thighs, or sudden leg weakness.
""",
    },
]
