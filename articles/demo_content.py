# ruff: noqa: C408 (the entries read as records, so they stay dict(...) calls)
"""Demo editorial content for the condition pages and guides.

Pure Python data: no Django or project imports. All people below are
fictional. References come from the team's verified reference list
(shared/references.md), except those on the Hashimoto's thyroiditis and
psoriasis pages, which that list does not cover: each of those was checked
against a stored PubMed, NLM or publisher page, whose address is in `url`.
Add no reference that nobody has checked that way.

The last entry in ARTICLES ("miracle-cure-draft") is a deliberately bad,
fictional draft used to exercise the editorial checks. It must never be
published.
"""

# ---------------------------------------------------------------------------
# Authors and reviewers (fictional people)
# ---------------------------------------------------------------------------

AUTHORS = [
    dict(
        key="tamsin-aldridge-moreau",
        name="Tamsin Aldridge-Moreau",
        credentials="MA, medical writer",
        bio=(
            "Tamsin is a medical writer who has spent more than a decade turning "
            "clinical research into plain-language information for patients and "
            "carers. She writes and updates the condition pages in this directory "
            "and checks each claim against its published source before a page goes "
            "to medical review. (Fictional demo profile.)"
        ),
    ),
    dict(
        key="ines-kowalczyk-hart",
        name="Ines Kowalczyk-Hart",
        credentials="MD, board-certified rheumatologist",
        bio=(
            "Dr. Kowalczyk-Hart is a rheumatologist who looks after people with "
            "inflammatory arthritis, lupus, myositis and chronic widespread pain. "
            "She reviews our pages on autoimmune and chronic pain conditions for "
            "medical accuracy, balance and safety. (Fictional demo profile.)"
        ),
    ),
    dict(
        key="obadiah-fennimore",
        name="Obadiah Fennimore",
        credentials="DO, board-certified neurologist",
        bio=(
            "Dr. Fennimore is a neurologist with a special interest in "
            "neuromuscular disease and multiple sclerosis, and he has worked in a "
            "multidisciplinary ALS clinic. He reviews our neurological and pain "
            "pages with a focus on honest evidence and patient safety. "
            "(Fictional demo profile.)"
        ),
    ),
    dict(
        key="lin-achterberg",
        name="Lin Achterberg",
        credentials="L.Ac., Dipl. O.M. (NCCAOM), DACM",
        bio=(
            "Lin is a licensed acupuncturist with a doctorate in acupuncture and "
            "Chinese medicine who works in an integrative pain service alongside "
            "physicians and physical therapists. Lin writes about what patients can "
            "expect from treatment and how to find a well-trained practitioner. "
            "(Fictional demo profile.)"
        ),
    ),
]


# ---------------------------------------------------------------------------
# References: only entries from the verified list, with details as given there.
# Where only a DOI or only a PMID was confirmed, the other field is empty.
# ---------------------------------------------------------------------------

_REFS = {
    "vickers2018": dict(
        citation=(
            "Vickers AJ, Vertosick EA, Lewith G, et al. Acupuncture for chronic "
            "pain: update of an individual patient data meta-analysis. J Pain. "
            "2018;19(5):455-474."
        ),
        doi="10.1016/j.jpain.2017.11.005",
        pmid="29198932",
        url="",
    ),
    "vickers2012": dict(
        citation=(
            "Vickers AJ, Cronin AM, Maschino AC, et al. Acupuncture for chronic "
            "pain: individual patient data meta-analysis. Arch Intern Med. "
            "2012;172(19):1444-1453."
        ),
        doi="10.1001/archinternmed.2012.3654",
        pmid="22965186",
        url="",
    ),
    "carville2021": dict(
        citation=(
            "National Institute for Health and Care Excellence. Chronic pain "
            "(primary and secondary) in over 16s (NICE guideline NG193), April "
            "2021; summary: Carville S, et al. BMJ. 2021;373:n895."
        ),
        doi="10.1136/bmj.n895",
        pmid="",
        url="",
    ),
    "baumler2021": dict(
        citation=(
            "Bäumler P, Zhang W, Stübinger T, Irnich D. Acupuncture-related adverse "
            "events: systematic review and meta-analyses of prospective clinical "
            "studies. BMJ Open. 2021;11(9):e045961."
        ),
        doi="10.1136/bmjopen-2020-045961",
        pmid="34489268",
        url="",
    ),
    "white2001": dict(
        citation=(
            "White A, Hayhoe S, Hart A, Ernst E. Adverse events following "
            "acupuncture: prospective survey of 32 000 consultations with doctors "
            "and physiotherapists. BMJ. 2001;323(7311):485-486."
        ),
        doi="10.1136/bmj.323.7311.485",
        pmid="11532840",
        url="",
    ),
    "brady2014": dict(
        citation=(
            "Brady S, McEvoy J, Dommerholt J, Doody C. Adverse events following "
            "trigger point dry needling: a prospective survey of chartered "
            "physiotherapists. J Man Manip Ther. 2014;22(3):134-140."
        ),
        doi="10.1179/2042618613Y.0000000044",
        pmid="25125935",
        url="",
    ),
    "deare2013": dict(
        citation=(
            "Deare JC, Zheng Z, Xue CCL, et al. Acupuncture for treating "
            "fibromyalgia. Cochrane Database Syst Rev. 2013;(5):CD007070."
        ),
        doi="10.1002/14651858.CD007070.pub2",
        pmid="23728665",
        url="",
    ),
    "zhang2019": dict(
        citation=(
            "Zhang XC, Chen H, Xu WT, et al. Acupuncture therapy for fibromyalgia: "
            "a systematic review and meta-analysis of randomized controlled "
            "trials. J Pain Res. 2019;12:527-542."
        ),
        doi="10.2147/JPR.S186227",
        pmid="30787631",
        url="",
    ),
    "macfarlane2017": dict(
        citation=(
            "Macfarlane GJ, Kronisch C, Dean LE, et al. EULAR revised "
            "recommendations for the management of fibromyalgia. Ann Rheum Dis. "
            "2017;76(2):318-328."
        ),
        doi="10.1136/annrheumdis-2016-209724",
        pmid="",
        url="",
    ),
    "gattie2017": dict(
        citation=(
            "Gattie E, Cleland JA, Snodgrass S. The effectiveness of trigger point "
            "dry needling for musculoskeletal conditions by physical therapists: a "
            "systematic review and meta-analysis. J Orthop Sports Phys Ther. "
            "2017;47(3):133-149."
        ),
        doi="10.2519/jospt.2017.7096",
        pmid="28158962",
        url="",
    ),
    "tough2009": dict(
        citation=(
            "Tough EA, White AR, Cummings TM, Richards SH, Campbell JL. Acupuncture "
            "and dry needling in the management of myofascial trigger point pain: a "
            "systematic review and meta-analysis of randomised controlled trials. "
            "Eur J Pain. 2009;13(1):3-10."
        ),
        doi="",
        pmid="18395479",
        url="",
    ),
    "espejo2017": dict(
        citation=(
            "Espejo-Antúnez L, et al. Dry needling in the management of myofascial "
            "trigger points: a systematic review of randomized controlled trials. "
            "Complement Ther Med. 2017;33:46-57."
        ),
        doi="10.1016/j.ctim.2017.06.003",
        pmid="",
        url="",
    ),
    "mu2020": dict(
        citation=(
            "Mu J, Furlan AD, Lam WY, Hsu MY, Ning Z, Lao L. Acupuncture for "
            "chronic nonspecific low back pain. Cochrane Database Syst Rev. "
            "2020;12:CD013814."
        ),
        doi="10.1002/14651858.CD013814",
        pmid="33306198",
        url="",
    ),
    "qaseem2017": dict(
        citation=(
            "Qaseem A, Wilt TJ, McLean RM, Forciea MA. Noninvasive treatments for "
            "acute, subacute, and chronic low back pain: a clinical practice "
            "guideline from the American College of Physicians. Ann Intern Med. "
            "2017;166(7):514-530."
        ),
        doi="10.7326/M16-2367",
        pmid="",
        url="",
    ),
    "bernstein2017": dict(
        citation=(
            "NICE guideline NG59, Low back pain and sciatica (2016); summary: "
            "Bernstein et al. Low back pain and sciatica: summary of NICE guidance. "
            "BMJ. 2017;356:i6748."
        ),
        doi="10.1136/bmj.i6748",
        pmid="",
        url="",
    ),
    "casimiro2005": dict(
        citation=(
            "Casimiro L, Barnsley L, Brosseau L, et al. Acupuncture and "
            "electroacupuncture for the treatment of rheumatoid arthritis. Cochrane "
            "Database Syst Rev. 2005;(4):CD003788."
        ),
        doi="10.1002/14651858.CD003788.pub2",
        pmid="16235342",
        url="",
    ),
    "wang2008": dict(
        citation=(
            "Wang C, de Pablo P, Chen X, Schmid C, McAlindon T. Acupuncture for "
            "pain relief in patients with rheumatoid arthritis: a systematic "
            "review. Arthritis Rheum. 2008;59(9):1249-1256."
        ),
        doi="10.1002/art.24009",
        pmid="",
        url="",
    ),
    "smolen2016": dict(
        citation=(
            "Smolen JS, Aletaha D, McInnes IB. Rheumatoid arthritis. Lancet. "
            "2016;388(10055):2023-2038."
        ),
        doi="10.1016/S0140-6736(16)30173-8",
        pmid="",
        url="",
    ),
    "greco2008": dict(
        citation=(
            "Greco CM, Kao AH, Maksimowicz-McKinnon K, et al. Acupuncture for "
            "systemic lupus erythematosus: a pilot RCT feasibility and safety "
            "study. Lupus. 2008;17(12):1108-1116."
        ),
        doi="10.1177/0961203308093921",
        pmid="",
        url="",
    ),
    "fangtham2019": dict(
        citation=(
            "Fangtham M, Kasturi S, Bannuru RR, Nash JL, Wang C. "
            "Non-pharmacologic therapies for systemic lupus erythematosus. Lupus. "
            "2019;28(6):703-712."
        ),
        doi="10.1177/0961203319841435",
        pmid="30961418",
        url="",
    ),
    "kaul2016": dict(
        citation=(
            "Kaul A, Gordon C, Crow MK, et al. Systemic lupus erythematosus. Nat "
            "Rev Dis Primers. 2016;2:16039."
        ),
        doi="10.1038/nrdp.2016.39",
        pmid="",
        url="",
    ),
    "haider2024": dict(
        citation=(
            "Haider S, Fatmi W, Shoaib N, Sajjad M, Zahid M. Assessment of "
            "acupuncture's effectiveness in mitigating fatigue among patients "
            "afflicted with multiple sclerosis: a systematic review and "
            "meta-analysis. Complement Ther Clin Pract. 2024;57:101902."
        ),
        doi="10.1016/j.ctcp.2024.101902",
        pmid="39260078",
        url="",
    ),
    "karpatkin2014": dict(
        citation=(
            "Karpatkin HI, Napolione D, Siminovich-Blok B. Acupuncture and multiple "
            "sclerosis: a review of the evidence. Evid Based Complement Alternat "
            "Med. 2014;2014:972935."
        ),
        doi="10.1155/2014/972935",
        pmid="",
        url="",
    ),
    "thompson2018": dict(
        citation=(
            "Thompson AJ, Baranzini SE, Geurts J, Hemmer B, Ciccarelli O. Multiple "
            "sclerosis. Lancet. 2018;391(10130):1622-1636."
        ),
        doi="10.1016/S0140-6736(18)30481-1",
        pmid="",
        url="",
    ),
    "peng2022": dict(
        citation=(
            "Peng S, Tian Y, Chang W, et al. Current state of research on "
            "acupuncture for the treatment of amyotrophic lateral sclerosis: a "
            "scoping review. Front Neurol. 2022;13:1019156."
        ),
        doi="10.3389/fneur.2022.1019156",
        pmid="36408510",
        url="",
    ),
    "hardiman2017": dict(
        citation=(
            "Hardiman O, Al-Chalabi A, Chio A, et al. Amyotrophic lateral "
            "sclerosis. Nat Rev Dis Primers. 2017;3:17071."
        ),
        doi="10.1038/nrdp.2017.71",
        pmid="",
        url="",
    ),
    "lundberg2021": dict(
        citation=(
            "Lundberg IE, Fujimoto M, Vencovsky J, et al. Idiopathic inflammatory "
            "myopathies. Nat Rev Dis Primers. 2021;7:86."
        ),
        doi="10.1038/s41572-021-00321-x",
        pmid="",
        url="",
    ),
    "oldroyd2022": dict(
        citation=(
            "Oldroyd AGS, et al. British Society for Rheumatology guideline on "
            "management of paediatric, adolescent and adult patients with "
            "idiopathic inflammatory myopathy. Rheumatology. 2022;61:1760-1768."
        ),
        doi="10.1093/rheumatology/keac115",
        pmid="",
        url="",
    ),
}


def _refs(*keys):
    """Return fresh copies of the named reference entries, in order."""
    return [dict(_REFS[k]) for k in keys]


# ---------------------------------------------------------------------------
# Article bodies (Markdown)
# ---------------------------------------------------------------------------

_DERMATOMYOSITIS_BODY = """
## What dermatomyositis is

Dermatomyositis belongs to a group of autoimmune conditions called idiopathic inflammatory myopathies, in which the immune system attacks the body's own muscle tissue (Lundberg 2021). What sets dermatomyositis apart is the skin. Many people notice a violet or dusky rash on the eyelids, a red, scaly rash over the knuckles, or patches on the chest, back and shoulders, sometimes before any muscle symptoms appear. Weakness usually affects the large muscles closest to the trunk, so climbing stairs, getting up from a chair, lifting your arms to brush your hair or swallowing can become harder. In adults, doctors also look for problems that can travel with it, such as lung involvement and, in some people, an underlying cancer (Lundberg 2021).

Dermatomyositis can begin in childhood or in adult life, most often in middle age, and women are affected more often than men.

## How it is treated

Dermatomyositis needs specialist care, usually led by a rheumatologist, often working with a dermatologist and, when needed, with lung, swallowing and rehabilitation specialists. The British Society for Rheumatology guideline describes treatment built around corticosteroids and other immune-suppressing medicines, chosen and adjusted according to how active and how severe the disease is, together with supervised exercise and physical therapy to rebuild strength (Oldroyd 2022). Regular check-ups follow muscle strength, blood tests, skin and breathing. These medicines are what control the inflammation, so they should only ever be changed on your specialist's advice.

## Where acupuncture fits

We want to be plain about this. We found no randomized trials and no systematic reviews of acupuncture for dermatomyositis; what you may read online comes mostly from clinic websites. Nobody knows whether acupuncture helps people with this condition, and it is not a treatment for the muscle inflammation or the rash.

Some people living with a long-term illness still choose acupuncture as part of their self-care, hoping for help with muscle aches, tension, sleep or the stress of managing a complex disease. If you are considering it, think of it as optional comfort care that sits beside, and never in place of, the plan your rheumatologist has made. Tell your care team before you start so they can flag anything specific to your situation.

## Points to raise with a practitioner

Dermatomyositis brings a few practical issues that a careful acupuncturist will ask about:

- **Skin.** Needles should not go into rashes, ulcers, hard calcium deposits under the skin (calcinosis) or skin thinned by long-term steroid use. Skin that reacts to sunlight may also react badly to heat treatments such as moxibustion.
- **Infection risk.** Immune-suppressing medicines lower your defences, so sterile, single-use needles and clean technique matter even more than usual.
- **Bruising.** Steroids can make skin bruise easily, and some people also take blood thinners.
- **Energy and weakness.** Sessions can be kept short, with help getting on and off the treatment table.

## What to expect at a session

A first visit usually starts with questions about your diagnosis, medicines and current symptoms. The practitioner then places a small number of very thin needles, often leaving them in for 15 to 30 minutes while you rest. Most people feel a brief prick, a dull ache or warmth. In prospective studies of acupuncture in general, side effects were mostly minor, such as bleeding or soreness where a needle went in, and serious problems were rare (Bäumler 2021).

If your symptoms flare, or if new weakness, trouble swallowing or breathlessness appears, contact your specialist straight away. These are not things to manage with acupuncture.
"""

_ALS_BODY = """
## What ALS is

Amyotrophic lateral sclerosis, also called motor neuron disease or Lou Gehrig's disease, damages the nerve cells in the brain and spinal cord that control voluntary movement (Hardiman 2017). As these cells are lost, muscles weaken and waste. The first signs may be a weak hand, a foot that drags, or changes in speech or swallowing, and over time the disease spreads to other muscles, including those used for breathing. Thinking and behaviour can also change in some people. Alongside weakness, many people live with muscle cramps, stiffness (spasticity), aches, fatigue, poor sleep, and very understandable anxiety and low mood.

## How ALS is cared for

Care is led by a neurologist, ideally in a specialist clinic where a whole team works together: nurses; physical, occupational and speech therapists; dietitians; breathing specialists; mental health professionals; and palliative care. The few medicines approved for ALS have modest effects, so much of everyday care is about easing symptoms and keeping people comfortable, independent and safe for as long as possible, including support for breathing and nutrition (Hardiman 2017).

## What the research says about acupuncture

A 2022 scoping review gathered 92 published studies of acupuncture for ALS (Peng 2022). Most were case reports and small case series from China, and acupuncture was often combined with herbal medicine or other treatments, so its own effect cannot be separated out. There are no rigorous randomized controlled trials showing that acupuncture slows ALS, restores strength or extends life. Claims that it can do any of these things are not supported, and we would urge real caution with any practitioner who makes them.

## Acupuncture as possible symptom support

Some people with ALS, and their families, still ask about acupuncture as one of many comfort measures. If it is used at all, it should be seen as possible support for particular symptoms, such as muscle cramps or aches, tension in the neck and shoulders, difficulty relaxing or trouble sleeping. It is not a treatment for the disease itself, and the published reports are too weak to show whether it helps even these symptoms in ALS (Peng 2022). A sensible approach is to agree a short trial of a few sessions with clear, personal goals, and to stop if it is not helping or is tiring you out.

Talk to your neurologist or ALS clinic team before starting. They can check whether anything in your situation, such as blood thinners, a feeding tube site or breathing support, needs special precautions, and they may suggest approaches with better evidence for the same symptom.

## Practical points for a session

- **Position and breathing.** Lying flat can be uncomfortable or make breathing harder. A good practitioner will treat you seated or propped up and check in with you often.
- **Energy.** Short sessions, fewer needles and appointments at your best time of day help avoid exhaustion.
- **Access.** Ask about step-free entry, room for a wheelchair, help with transfers and whether home visits are possible. Carers are usually welcome to stay.
- **Communication.** If speech is affected, agree a simple signal for "stop" before any needles go in.

## Safety

In large prospective studies of acupuncture in general, most side effects were mild, such as slight bleeding or soreness where a needle went in, and serious events were rare (Bäumler 2021). Because muscles over the chest can become very thin in ALS, a careful practitioner keeps needling there shallow or avoids it. Any new breathing difficulty, choking or sudden change belongs with your medical team, not with an acupuncturist.
"""

_RA_BODY = """
## What rheumatoid arthritis is

Rheumatoid arthritis (RA) is a long-term autoimmune disease in which the immune system targets the lining of the joints (Smolen 2016). It typically affects the small joints of the hands and feet on both sides of the body, causing pain, swelling, warmth and morning stiffness that can last an hour or more. Fatigue is common, and RA can also affect the eyes, lungs, blood vessels and heart. If the inflammation is not controlled, it can damage cartilage and bone over time.

## How RA is treated

RA treatment has improved enormously. Rheumatologists now aim to start disease-modifying antirheumatic drugs (DMARDs), such as methotrexate, early, and to adjust or add medicines, including biologic and other targeted therapies, until the disease is in remission or at low activity (Smolen 2016). Physical and occupational therapy, exercise, joint protection, and support with fatigue and mood all add to that care. Because joint damage can happen early, these medicines should never be delayed or swapped for a complementary therapy.

## What the research says about acupuncture

The evidence is thin. A Cochrane review found only two small trials, with 84 people in total (Casimiro 2005). Acupuncture did not improve blood markers of inflammation or the number of swollen and tender joints. One trial of electroacupuncture reported short-term relief of knee pain, but the trials were too small for firm conclusions.

A later systematic review of eight randomized trials, with 536 people, looked specifically at pain (Wang 2008). Some trials that compared acupuncture with another active treatment were positive, but trials that compared real acupuncture with sham acupuncture gave conflicting results.

Put simply, acupuncture might help some people with RA feel less pain for a while, but the research is not strong enough to say so with confidence, and there is no sign that it changes the disease itself (Casimiro 2005; Wang 2008).

## How acupuncture might fit alongside your care

If your RA is being treated and you still live with pain, stiffness, poor sleep or stress, acupuncture is one option some people choose to explore for comfort, ideally as part of a wider plan that includes exercise and therapy. Set realistic goals, for example sleeping better or easing a stiff shoulder, and review after a few sessions whether it is worth continuing. Ongoing pain and swelling can also be a sign that your RA is not fully controlled, so raise it with your rheumatologist rather than relying on acupuncture to mask it.

## Points to discuss with your practitioner

- **Active joints.** Needles should not go into a hot, swollen joint or near a joint replacement.
- **Infection risk.** Methotrexate, biologics, JAK inhibitors and steroids can lower your resistance to infection, so insist on sterile, single-use needles and tell the practitioner what you take.
- **Bruising.** Steroids and some other medicines make bruising more likely.
- **Hands and feet.** Painful or fragile joints may need gentler positioning and fewer needles.

## What to expect

Appointments usually last 30 to 60 minutes, including a conversation about your symptoms and treatment. Thin needles stay in for about 15 to 30 minutes, sometimes with mild electrical stimulation (electroacupuncture). Sessions are often weekly or every two weeks at first. Across prospective studies of acupuncture, most side effects were minor, such as bleeding or soreness at a needle site, and serious events were rare (Bäumler 2021).
"""

_LUPUS_BODY = """
## What lupus is

Systemic lupus erythematosus (SLE, usually just called lupus) is a chronic autoimmune disease in which the immune system makes antibodies against the body's own tissues (Kaul 2016). It can affect almost any organ, including the skin, joints, kidneys, blood cells, heart, lungs and nervous system. It is far more common in women, often starts between the teenage years and middle age, and tends to come and go in flares. Common day-to-day symptoms include joint and muscle pain, deep fatigue, rashes (including a rash across the cheeks and nose), sensitivity to sunlight, mouth ulcers and low mood.

## How lupus is treated

Lupus is managed by a rheumatologist, often together with kidney, skin and other specialists. Hydroxychloroquine is a mainstay for most people, with steroids, immune-suppressing medicines and newer biologic drugs added depending on which organs are involved and how active the disease is (Kaul 2016). Sun protection, regular blood and urine checks, and attention to heart health, bone health, sleep and mood are all part of good care.

## What the research says about acupuncture

Very little research exists. A small pilot trial of 24 people with lupus compared real acupuncture with minimal needling, meaning shallow needles at places that are not acupuncture points (Greco 2008). Acupuncture proved practical to deliver and no serious side effects occurred. Pain improved to a similar degree with real and minimal needling, so the study could not show that real acupuncture does more. It was designed to test feasibility and safety, not to prove benefit.

A 2019 review of non-drug therapies for lupus found 15 randomized trials, but only one of them tested acupuncture or electroacupuncture (Fangtham 2019).

That means there is not enough evidence to say whether acupuncture helps people with lupus (Greco 2008; Fangtham 2019). It does not treat the immune disease and has no place as an alternative to your medicines.

## If you still want to try it

Some people with lupus choose acupuncture for comfort, for example for joint aches, tension or sleep, during a stable period. If you do:

- **Talk to your rheumatologist first**, particularly if you have low platelets, take blood thinners (some people with lupus have antiphospholipid syndrome and take anticoagulants) or have active kidney disease.
- **Avoid needling into rashes, ulcers or skin affected by lupus.** Moxibustion and other heat treatments may not suit sun-sensitive or fragile skin.
- **Mention immune-suppressing medicines**, because they raise the risk of infection. Sterile, single-use needles are essential.
- **Pause during a flare** and let your medical team assess new symptoms such as chest pain, leg swelling, fever or a new rash.
- **Set a clear goal and review it** after a few sessions.

## What to expect

A first session often includes a conversation about your diagnosis, medicines and symptoms, followed by a small number of fine needles left in place for 15 to 30 minutes while you rest. You may feel a dull ache, heaviness or warmth. When acupuncture is given by trained practitioners with single-use needles, serious side effects are rare; in prospective studies, most reported effects were minor bleeding or pain at a needle site (Bäumler 2021).
"""

_MS_BODY = """
## What multiple sclerosis is

Multiple sclerosis (MS) is a long-term condition in which the immune system damages the protective coating (myelin) around nerve fibres in the brain and spinal cord, as well as the nerve fibres themselves (Thompson 2018). It is one of the most common causes of neurological disability in young adults and affects more women than men. Symptoms vary a great deal from person to person: fatigue, numbness or tingling, problems with vision, balance and walking, muscle stiffness and spasms (spasticity), pain, bladder and bowel problems, and changes in memory or mood. Many people first have a relapsing-remitting pattern, with attacks followed by recovery, while others have a steadily progressive course.

## How MS is treated

MS care is led by a neurologist, often in a specialist MS service. Disease-modifying therapies reduce relapses and new areas of damage, particularly in relapsing MS, and short steroid courses may be used for troublesome relapses (Thompson 2018). Rehabilitation and symptom care matter just as much: physical therapy and exercise, occupational therapy, fatigue management, medicines for spasticity and nerve pain, and support for bladder, sleep and mood.

## What the research says about acupuncture

Fatigue is one of the most disabling MS symptoms, and it is where acupuncture has been studied most. A 2024 systematic review and meta-analysis pooled six studies, four of them randomized trials, and found that acupuncture was linked with lower fatigue scores (Haider 2024). However, the studies were few and carried a high risk of bias, so the result is a signal worth testing properly rather than a firm finding.

An earlier review of twelve studies, most of them without a control group, concluded that no firm conclusions could be drawn about acupuncture in MS (Karpatkin 2014). No good-quality research shows that acupuncture reduces relapses, slows disability or repairs nerve damage.

## How acupuncture might fit alongside your care

Some people with MS use acupuncture as an add-on for fatigue, pain, muscle tightness, stress or sleep, while continuing their disease-modifying therapy and rehabilitation. If you want to try it:

- **Tell your neurologist or MS nurse**, especially if you take medicines that suppress the immune system or thin the blood.
- **Keep it separate from relapse care.** New or worsening symptoms that last more than a day or so may be a relapse and need medical assessment.
- **Watch for heat sensitivity.** Many people with MS find that warmth temporarily worsens their symptoms, so heat lamps or moxibustion may not suit you.
- **Mention numb areas.** Reduced feeling means you may not notice an uncomfortable needle or a burn from heat treatment.
- **Plan around fatigue.** Shorter sessions at a time of day when you have more energy usually work best.

Set a clear goal, such as less afternoon fatigue, and review it after a short course of treatment.

## What to expect

A typical session starts with a conversation about your symptoms and medicines. Fine, single-use needles are then left in place for around 15 to 30 minutes, sometimes with gentle electrical stimulation. Many people find the sessions relaxing. Across prospective acupuncture studies, side effects were mostly minor, such as slight bleeding or soreness at a needle site, and serious events were rare (Bäumler 2021).
"""

_FIBROMYALGIA_BODY = """
## What fibromyalgia is

Fibromyalgia is a long-term condition that causes pain in many parts of the body, together with fatigue, unrefreshing sleep, stiffness, and problems with concentration and memory that people often call "fibro fog". It is thought to involve central sensitisation: the nervous system becomes more sensitive and turns up pain signals, rather than there being damage in the muscles or joints themselves. Fibromyalgia often overlaps with other conditions, including irritable bowel syndrome, headaches, anxiety and depression, and with tender knots in muscles known as myofascial trigger points. The pain is real, even though routine scans and blood tests are usually normal.

## How fibromyalgia is treated

European rheumatology recommendations put exercise at the centre of care; it was the only therapy given a strong recommendation (Macfarlane 2017). Other approaches considered reasonable in those recommendations include psychological therapies, mind-body movement such as tai chi or yoga, and, for some people, medicines aimed at pain and sleep. In the UK, the NICE guideline on chronic primary pain, a group that includes fibromyalgia, suggests exercise and psychological therapy and allows a single course of acupuncture or dry needling as an option (Carville 2021).

## What the research says about acupuncture

A Cochrane review of nine trials with 395 people found that acupuncture added to usual care improved pain compared with usual care alone, and that electroacupuncture also helped with fatigue (Deare 2013). When acupuncture was compared with sham acupuncture, though, the benefit was less consistent. Side effects in the trials were mild.

A later meta-analysis of 12 randomized trials found real acupuncture better than sham for short-term pain relief and quality of life, but the quality of the evidence was rated low to moderate, and no serious side effects were reported (Zhang 2019). The European recommendations rated acupuncture "weak for", meaning reasonable to consider but not a first-line treatment (Macfarlane 2017).

In short, acupuncture may give some people modest, mostly short-term relief, especially alongside exercise and other care (Deare 2013; Zhang 2019). It does not help everyone, and the long-term picture is unclear.

## How acupuncture might fit alongside your care

If you want to try it, use acupuncture as an add-on to an active plan that includes gentle, gradually increased exercise, not as a replacement for it. Agree a goal with your practitioner, such as less pain on waking or better sleep, along with a set number of sessions, and then review honestly. The NICE approach describes a single, time-limited course rather than open-ended treatment (Carville 2021).

Because many people with fibromyalgia are sensitive to touch and pressure, tell your practitioner if you tend to react strongly. Fewer needles, shallower insertion and gentler stimulation at first are perfectly reasonable requests. Some practitioners offer electroacupuncture, the form that the Cochrane review linked with less fatigue (Deare 2013).

## What to expect

A first session usually involves questions about where you hurt, your sleep, your energy and your medicines. Fine, single-use needles are placed and left for about 20 to 30 minutes. Some people feel tired or a little sore afterwards, and symptoms can briefly feel stronger for a day. In prospective studies of acupuncture overall, most side effects were minor, such as needle-site pain or slight bleeding, and serious events were rare (Bäumler 2021).
"""

_MYOFASCIAL_BODY = """
## What myofascial pain syndrome is

Myofascial pain syndrome (MPS) is a common cause of ongoing muscle pain. It centres on trigger points: small, very tender spots within a tight band of muscle. Pressing a trigger point often reproduces a person's familiar pain, and it can send pain somewhere else. A trigger point in the top of the shoulder, for example, can cause a headache at the temple. This is called referred pain. MPS often develops after overuse, awkward posture, injury, long hours of sitting or stress, and it frequently shows up in the neck, shoulders, jaw and low back. It can occur on its own or alongside conditions such as fibromyalgia, arthritis or back problems.

## How it is usually managed

Treatment usually combines several approaches: stretching and strengthening exercise, changes to posture and work set-up, manual therapy and massage, heat, pain relief medicines where appropriate, sleep and stress management, and treatment aimed directly at trigger points, such as pressure release, injections or needling. A physician or physical therapist should first make sure the pain is not coming from something else, such as a trapped nerve, joint disease or, rarely, a more serious condition.

## What dry needling is and who does it

Dry needling uses the same kind of thin, solid, single-use needle as acupuncture, but it is based on Western anatomy rather than traditional Chinese medicine. The practitioner feels for a trigger point and inserts the needle directly into it. Often the muscle gives a brief twitch, called a local twitch response, which can feel like a jump or a small cramp, followed by an ache that usually settles within a day or two. "Dry" simply means that nothing is injected.

Depending on the state, dry needling may be done by physical therapists, physicians, chiropractors or licensed acupuncturists. The rules vary a lot. Many states allow physical therapists to dry needle after extra training, but as of 2023 some, including California, Hawaii, New York and Oregon, did not, and the laws keep changing. Check the current rules with your state's licensing board and ask any practitioner what dry-needling training they have completed. This directory shows each practitioner's verified licence and, where relevant, their dry-needling course certificate.

Licensed acupuncturists also treat these painful areas, using acupuncture points, many of which lie close to common trigger point locations.

## What the research says

A systematic review of 13 randomized trials of dry needling by physical therapists found very low to moderate quality evidence that it reduces pain in the short term, up to about 12 weeks; long-term benefit is unproven (Gattie 2017). Another review of 15 trials found short-term improvements in pain, range of motion and quality of life compared with no treatment or sham treatment, but not enough evidence on disability (Espejo-Antúnez 2017).

An older meta-analysis of seven trials of acupuncture and dry needling for trigger point pain found that, when the placebo-controlled trials were pooled, needling did not show a clear advantage over placebo, and the trials differed widely (Tough 2009). So needling may help in the short term, but how much of that comes from the needle itself is still uncertain.

## What to expect and safety

Needling is usually one part of a plan that also includes exercise and manual therapy. Expect some soreness afterwards. In a survey of more than 7,000 dry-needling treatments by physiotherapists, mild effects such as bruising, bleeding and soreness were the usual problems, and no significant adverse events were reported (Brady 2014). Across acupuncture studies more broadly, serious harms were rare (Bäumler 2021). Needling near the chest wall needs particular skill because the lung lies underneath, which is one more reason training matters.
"""

_BACK_PAIN_BODY = """
## What chronic low back pain is

Low back pain is called chronic when it lasts longer than about three months. It can come from many sources: strained muscles and ligaments, worn joints and discs, a disc bulge or herniation pressing on a nerve (which can cause sciatica down the leg), narrowing of the spinal canal (stenosis) or arthritis. In many people no single cause is found, which doctors call non-specific low back pain. Stress, poor sleep, low mood and fear of movement can all make pain louder and harder to live with, even when they did not start it.

## How it is usually treated

The American College of Physicians advises that people with chronic low back pain start with non-drug treatments, such as exercise, rehabilitation programmes, acupuncture, mindfulness-based stress reduction, tai chi, yoga, spinal manipulation and psychological therapies, before turning to medicines (Qaseem 2017). Staying active is one of the most helpful things you can do. A clinician should also check for warning signs that need urgent attention, such as numbness around the groin or buttocks, new bladder or bowel problems, worsening leg weakness, fever, unexplained weight loss or a history of cancer.

## What the research says about acupuncture

Back pain is one of the most studied uses of acupuncture. A large analysis that pooled data on individual patients from 39 trials and more than 20,000 people with chronic pain, including back pain, found that acupuncture did better than sham acupuncture and clearly better than no acupuncture, and that much of the benefit was still present a year later (Vickers 2018). An earlier version of that analysis reached similar conclusions and noted that the gap between real and sham acupuncture was modest (Vickers 2012).

A Cochrane review focused on chronic non-specific low back pain included 33 trials with 8,270 people (Mu 2020). Compared with sham, acupuncture may relieve pain immediately after treatment. However, most trials carried a high risk of bias, mainly because it is hard to keep practitioners and patients unaware of which treatment is real.

## Why guidelines disagree

Experts reading the same evidence have reached different conclusions. The American College of Physicians lists acupuncture among the non-drug options for chronic low back pain (Qaseem 2017). The UK's NICE guideline on low back pain and sciatica, by contrast, advises against acupuncture, because it did not find a convincing specific effect over sham (Bernstein 2017). Both agree on the central role of exercise and staying active.

Our honest summary: acupuncture can help some people with chronic back pain feel better, part of that benefit may come from the overall experience of care rather than the needles alone, and it works best as one part of an active plan.

## What to expect

Appointments usually last 30 to 60 minutes, with needles in the back, hips or legs left in place for 15 to 30 minutes. Sessions are often weekly or every two weeks at first. Some practitioners add electroacupuncture, heat or cupping. Agree a goal, such as walking further or sleeping through the night, and review progress after a few sessions. Keep up your exercise or physical therapy alongside.

## Safety

In prospective studies, side effects were mostly mild, such as slight bleeding and pain where a needle went in, and serious events were rare, roughly one for every ten thousand patients (Bäumler 2021). Tell your practitioner if you take blood thinners, have a bleeding disorder, are pregnant or have had spinal surgery.
"""

_GUIDE_BODY = """
## Start with the licence

In most US states, acupuncture is a licensed profession. A **Licensed Acupuncturist (L.Ac.)** holds a licence from a state board, usually after completing a master's or doctoral program and passing national board exams. Licences must be renewed on a set cycle (in California, for example, every two years), and someone whose licence has lapsed may not legally practise acupuncture in that state. The licence is the most important thing to check.

## National certification: NCCAOM

The **NCCAOM** (National Certification Commission for Acupuncture and Oriental Medicine) runs national board exams and awards certifications such as:

- **Dipl. Ac.** (Diplomate of Acupuncture): certified in acupuncture.
- **Dipl. O.M.** (Diplomate of Oriental Medicine): certified in acupuncture, Chinese herbal medicine and related areas.

Most states require NCCAOM certification, or its exams, for a licence. Certification is renewed every four years with continuing education. It is a good sign, but on its own it is not permission to practise.

## Degrees: DACM and others

**DACM** (Doctor of Acupuncture and Chinese Medicine) is a doctoral degree. It shows extra study, but it is an academic qualification, not a licence.

## Physician acupuncture

Some medical doctors (MD) and osteopathic physicians (DO) add acupuncture to their practice. Their acupuncture training is often around 300 hours, and some hold a board certificate from the American Board of Medical Acupuncture (DABMA). A licensed acupuncturist typically completes 1,900 or more hours of training focused on acupuncture and Chinese medicine. These are different routes: a physician brings broad medical training and can diagnose and prescribe, while an L.Ac. usually brings far more hours of acupuncture-specific training. Which suits you depends on your needs, but the two are not equal in acupuncture training, and we do not present them as if they were.

## Dry needling by physical therapists and others

Depending on state law, dry needling is offered by physical therapists (PTs), physicians, chiropractors and acupuncturists. A PT who dry needles should hold a current PT licence plus a certificate from a dry-needling course. Whether PTs may dry needle varies by state and changes over time; as of 2023 it was not permitted in California, Hawaii, New York or Oregon. Check your state board's current rules.

## How this directory verifies credentials

We check licences at the source, with the board that issued them, rather than relying on a copy of a certificate or a practitioner's word. This is called primary-source verification. For each credential, our staff record which board they checked, how they checked it, the date, the expiry date and when the next check is due. The moment a licence or certificate passes its expiry date, it stops counting as verified on the profile, even before our next scheduled check. If something on a profile looks wrong, please report it from that profile page.

## Questions for the first consultation

- Which licence do you hold, in which state, and is it current?
- What training do you have in my condition, and how often do you treat it?
- Do you use sterile, single-use needles?
- What would a course of treatment look like, and how will we judge whether it is helping?
- How will you work alongside my physician?
- How long is a session, and what does it cost?

A good practitioner will answer openly, ask about your diagnosis, medicines, bleeding risk and any pregnancy, and never suggest you stop treatment your doctor prescribed.

## Safety

Serious problems after acupuncture are rare when trained practitioners use single-use needles; in prospective studies, most side effects were minor, such as bleeding or needle-site pain (Bäumler 2021). The picture was similar for dry needling by physiotherapists, where mild bruising, bleeding and soreness were the usual effects (Brady 2014). A large UK survey of consultations with doctors and physiotherapists also found that reported events were uncommon and mostly minor (White 2001).

## Insurance and cost

Coverage varies widely. Some health plans cover acupuncture for specific conditions, such as chronic low back pain, and some need a referral or limit the number of visits. Dry needling by a PT may be billed as physical therapy. Before you book, check with your insurer whether the practitioner is in network and ask the clinic for a written estimate. Many profiles in this directory list accepted insurance and self-pay prices.
"""

_HASHIMOTO_BODY = """
## What Hashimoto's thyroiditis is

Hashimoto's thyroiditis, also called Hashimoto's disease or autoimmune thyroiditis, is a long-term condition in which the immune system slowly damages the thyroid, the small butterfly-shaped gland at the front of the neck. Both inherited and environmental factors seem to play a part (Weetman 2021). It is much more common in women and often runs in families. For years it may cause no symptoms at all and show up only as thyroid antibodies on a blood test. Over time, though, many people's thyroids stop making enough hormone, a state called hypothyroidism.

When that happens, the most common symptoms in adults are tiredness, sluggishness, feeling cold, weight gain, constipation, a change in the voice and dry skin (Chaker 2017). Some people also notice aches, low mood or trouble concentrating.

## How it is treated

Hashimoto's is looked after by your primary care doctor or an endocrinologist. No treatment yet switches off the immune attack itself, so care focuses on its effects. If your thyroid is not making enough hormone, the standard treatment is a daily thyroid hormone tablet, levothyroxine, with the dose adjusted using regular blood tests (Chaker 2017). Thyroid hormone replacement is what protects your health over the long term, so only change it on your doctor's advice.

One real and often frustrating point: a substantial share of people keep feeling unwell even when their blood tests are back in the target range (Chaker 2017). Researchers are still working out why, and one idea is that the autoimmune process itself may add to these lingering symptoms in some people (Weetman 2021). If this sounds like you, tell your doctor. It is worth checking your dose and looking for other causes, such as anaemia, poor sleep or depression.

## What the research says about acupuncture

We want to be plain about this. We found no reliable trials of acupuncture for Hashimoto's thyroiditis. The few small studies we came across were early, exploratory work that mostly measured thyroid antibodies in the blood rather than how people feel, and we could not confirm their details against trustworthy records. Nobody knows whether acupuncture helps people with Hashimoto's, and there is no good evidence that it calms the immune attack, protects the thyroid or can stand in for thyroid hormone.

## Where acupuncture might fit

Some people living with a long-term condition still choose acupuncture as part of their self-care, hoping for help with fatigue, aches, tension, sleep or stress. If you want to try it, think of it as optional comfort care that sits beside, and never in place of, the plan your doctor has made. Agree a clear personal goal, such as feeling less drained in the afternoons, and review it honestly after a few sessions. If you notice no difference, it is perfectly reasonable to stop.

## Points to discuss with your practitioner

- **Keep taking your thyroid medicine.** Never skip or cut doses because you feel better after a session.
- **Share your whole picture.** Some people with Hashimoto's have other autoimmune conditions or take medicines that affect bleeding or infection risk.
- **Care around the neck.** The thyroid lies close to large blood vessels and nerves, so a careful practitioner avoids deep needling at the front of the neck, especially if your thyroid is enlarged or has nodules.
- **Herbal extras.** Some herbal and seaweed-based remedies contain iodine or other ingredients that can upset thyroid tests. Check with your doctor before taking any.

## What to expect

A first session usually begins with questions about your health, your medicines and what you hope to change. Fine, sterile, single-use needles are then placed and left for around 15 to 30 minutes while you rest. Most people feel a brief prick, then a dull ache or warmth. In prospective studies of acupuncture in general, most side effects were minor, such as slight bleeding or soreness where a needle went in, and serious problems were rare (Bäumler 2021).
"""

_PSORIASIS_BODY = """
## What psoriasis is

Psoriasis is a common, long-term inflammatory skin disease driven by the immune system (Griffiths 2021). Its most familiar form, chronic plaque psoriasis, causes raised, scaly patches that look red on lighter skin and purple or darker brown on darker skin. They often appear on the elbows, knees, scalp and lower back and can itch, sting or crack. Psoriasis can start at any age and tends to come and go, with flares and calmer spells. Genes play a part, and flares can be set off by things such as throat infections, stress, smoking, excess weight and alcohol (Griffiths 2021). Psoriasis is also linked with other health problems, including psoriatic arthritis, depression, and heart and metabolic disease, so it affects far more than the skin.

## How it is treated

Psoriasis is treated by a dermatologist, often together with your primary care doctor and, if your joints are involved, a rheumatologist. Milder psoriasis is usually managed with creams and ointments, such as steroid and vitamin D preparations, along with moisturisers. More extensive or stubborn psoriasis may need light therapy (phototherapy), tablets that calm the immune system, or biologic injections that block specific immune signals. Biologic treatments have transformed care for severe plaque psoriasis, and good care also means treating early, checking for linked conditions and supporting lifestyle changes and emotional wellbeing (Griffiths 2021). None of this should be swapped for acupuncture.

## What the research says about acupuncture

Acupuncture has been studied more for psoriasis than for many other autoimmune conditions, but the quality of that research is poor. A 2018 review of complementary therapies for plaque psoriasis placed acupuncture among the options with the most supporting evidence (Gamret 2018). However, when a 2021 overview looked closely at the seven systematic reviews of acupuncture for psoriasis published up to then, five of them in Chinese, it gave every one of them the lowest possible quality rating and found serious gaps in how they were reported (Jing 2021).

In plain terms, acupuncture might ease psoriasis a little for some people, but the research is too weak to be sure, and there is no good evidence that it changes the immune process behind the disease (Jing 2021). Whether it helps with the things people often hope it will, such as itch, stress or poor sleep, is not yet known.

## If you still want to try it

Some people choose acupuncture as comfort care for itch, stress or sleep while their psoriasis is being treated. If you do:

- **Keep up your prescribed treatment.** Acupuncture sits alongside your dermatologist's plan, never in place of it.
- **No needles into plaques.** Needles should stay out of active plaques and any cracked or broken skin.
- **Ask about the Koebner phenomenon.** In some people with psoriasis, new plaques appear where the skin has been injured, for example by a cut or a scratch. Whether a fine needle can set this off is not known, so it remains a theoretical concern. Ask your dermatologist first, particularly if your psoriasis is active or you have noticed new patches at old injury sites.
- **Mention your medicines.** Tablets and biologics that calm the immune system can raise infection risk, so sterile single-use needles and clean skin matter even more.
- **Go easy on heat and suction.** Moxibustion and cupping can irritate or mark the skin, so leave them off psoriasis patches.
- **Set a goal and review it** after a few sessions.

## What to expect

A first visit usually starts with questions about your skin, your treatment and what you hope to change. Fine needles are placed in clear skin and left for about 15 to 30 minutes while you rest. In prospective studies of acupuncture in general, most side effects were minor, such as slight bleeding or soreness where a needle went in, and serious problems were rare (Bäumler 2021). If your skin flares or spreads quickly, or your joints become painful and swollen, see your dermatologist or doctor rather than waiting for your next session.
"""


# Deliberately bad, fictional draft. It exists only so the editorial checks
# have something to catch. Do not publish, do not fix.
_BAD_DRAFT_BODY = """
## The miracle cure your doctor won't tell you about

Say goodbye to fibromyalgia forever! Our guaranteed needle protocol at Serenity Needle Wellness (a made-up clinic) delivers stunning relief from the very first session. This miracle cure works for everyone, no matter how long you have suffered.

Studies show 87% of patients are completely pain-free after just three sessions, and a 2019 meta-analysis showed results better than any medication.

Create a photorealistic image of a serene acupuncture clinic, 8k, soft lighting

## Book now

Call (555) 014-2233 today to claim your spot, and stock up on our home needle kits at https://example.com/shop/needles before they sell out!
"""


# ---------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------

ARTICLES = [
    dict(
        slug="dermatomyositis",
        title="Dermatomyositis and acupuncture: what we know",
        kind="condition",
        condition="dermatomyositis",
        summary=(
            "Dermatomyositis is a rare autoimmune disease that inflames the skin and "
            "muscles and needs specialist medical treatment. No clinical trials have "
            "tested acupuncture for it, so at most it can be gentle comfort care "
            "alongside the care of your rheumatologist or dermatologist."
        ),
        body=_DERMATOMYOSITIS_BODY.strip(),
        evidence_level="insufficient",
        evidence_explanation=(
            "Insufficient. We found no randomized controlled trials and no "
            "systematic reviews of acupuncture in dermatomyositis, only clinic web "
            "pages, which are not evidence. The references on this page describe "
            "the disease and its standard medical management (Lundberg 2021; "
            "Oldroyd 2022), not acupuncture. Any benefit for comfort, sleep or "
            "stress is untested in this condition, and acupuncture has no known "
            "effect on the underlying inflammation."
        ),
        safety_notes=(
            "Acupuncture is usually well tolerated. Common, mild effects include "
            "soreness, small bruises, a little bleeding at a needle site and feeling "
            "light-headed or tired afterwards. Rare effects include infection, which "
            "sterile single-use needles make very unlikely, and a larger bruise "
            "(haematoma). Take extra care if you have a bleeding disorder or take "
            "blood thinners, if steroids have made your skin thin or fragile, if "
            "immune-suppressing medicines raise your infection risk, or if you are "
            "pregnant; dry needling in pregnancy should only happen with medical "
            "clearance. Acupuncture complements your medical treatment and never "
            "replaces it. Keep taking the medicines your rheumatologist or "
            "dermatologist prescribes, and tell them you are having acupuncture."
        ),
        meta_description=(
            "Dermatomyositis: what it is, how it is treated, and why acupuncture is "
            "untested and only ever comfort care alongside your rheumatologist."
        ),
        author="tamsin-aldridge-moreau",
        reviewer="ines-kowalczyk-hart",
        last_reviewed_on="2026-10-06",
        status="published",
        faqs=[
            (
                "Can acupuncture treat dermatomyositis?",
                "No. No clinical trials have shown that acupuncture changes the "
                "muscle inflammation or the skin disease. Your rheumatologist's plan, "
                "usually medicines together with exercise therapy, is what controls "
                "the condition. Some people use acupuncture as comfort care for "
                "aches, tension or sleep, but even that has not been studied in "
                "dermatomyositis.",
            ),
            (
                "Is it safe to have acupuncture while I take steroids or "
                "immunosuppressants?",
                "Many people on these medicines can have acupuncture, but it needs "
                "care: skin may bruise or tear more easily and infection risk is "
                "higher. Ask your rheumatologist first, make sure the practitioner "
                "uses sterile single-use needles, and ask them to avoid rashes, thin "
                "skin and calcium deposits.",
            ),
            (
                "Should I cut down my medicines if acupuncture makes me feel better?",
                "No. Feeling more relaxed or less achy does not mean the inflammation "
                "has settled. Only change your medicines on your specialist's advice, "
                "guided by their examination and your blood tests.",
            ),
            (
                "Who should I tell that I am having acupuncture?",
                "Tell your rheumatologist, your dermatologist and any physical "
                "therapist you see. It helps them make sense of new bruises or skin "
                "changes and keeps your care joined up.",
            ),
        ],
        references=_refs("lundberg2021", "oldroyd2022", "baumler2021"),
    ),
    dict(
        slug="als",
        title="ALS (Lou Gehrig's disease) and acupuncture: symptom support only",
        kind="condition",
        condition="als",
        summary=(
            "ALS is a progressive disease of the nerve cells that control movement, "
            "cared for by a specialist team led by a neurologist. Acupuncture has not "
            "been shown to slow or change ALS; at most, some people use it as gentle "
            "support for symptoms such as cramps, aches or poor sleep."
        ),
        body=_ALS_BODY.strip(),
        evidence_level="insufficient",
        evidence_explanation=(
            "Insufficient. The only review is a scoping review that found mostly "
            "case reports and small uncontrolled studies from China, often mixing "
            "acupuncture with other treatments (Peng 2022). There are no rigorous "
            "randomized trials. Nothing suggests that acupuncture slows, halts or "
            "reverses ALS, and its value even for symptoms such as cramps or sleep "
            "is untested. Standard ALS care centres on specialist, multidisciplinary "
            "management of symptoms (Hardiman 2017)."
        ),
        safety_notes=(
            "Acupuncture is usually well tolerated. Common, mild effects include "
            "soreness, bruising, slight bleeding and feeling light-headed or tired "
            "afterwards. Rare effects include infection, which sterile single-use "
            "needles make very unlikely, and a larger bruise (haematoma). In ALS, "
            "chest muscles can become thin, so needling over the chest should be "
            "shallow or avoided, and treatment should be given seated or propped up "
            "if lying flat affects breathing. Take extra care with bleeding "
            "disorders, blood thinners and pregnancy; dry needling in pregnancy "
            "needs medical clearance. Acupuncture is at most a complement to your "
            "ALS care and never replaces it. Tell your neurologist and ALS clinic "
            "team before you start."
        ),
        meta_description=(
            "ALS and acupuncture: no evidence it slows the disease. What the "
            "research shows, possible symptom support, and how to stay safe."
        ),
        author="tamsin-aldridge-moreau",
        reviewer="obadiah-fennimore",
        last_reviewed_on="2026-10-08",
        status="published",
        faqs=[
            (
                "Can acupuncture slow down or stop ALS?",
                "No. There is no reliable evidence that acupuncture changes the "
                "course of ALS. A scoping review found mostly case reports and small "
                "uncontrolled studies, often combined with other treatments (Peng "
                "2022). Be wary of anyone who suggests otherwise.",
            ),
            (
                "Why would someone with ALS try acupuncture at all?",
                "Some people look for extra comfort for cramps, aches, tension or "
                "sleep, or simply value a calm, hands-on session. That is a personal "
                "choice, but it is untested for these symptoms in ALS, so set clear "
                "goals and review them after a few sessions.",
            ),
            (
                "Is acupuncture safe if I have breathing problems or use breathing "
                "support?",
                "It may be possible with care, but discuss it with your ALS team "
                "first. Treatment should be given seated or propped up, needling "
                "over the chest should be shallow or avoided, and the session should "
                "stop at once if breathing feels harder.",
            ),
            (
                "Can a practitioner come to my home?",
                "Some do. You can look for practitioners in this directory who offer "
                "home visits or accessible premises, and ask about session length and "
                "help with transfers when you first get in touch.",
            ),
        ],
        references=_refs("hardiman2017", "peng2022", "baumler2021"),
    ),
    dict(
        slug="rheumatoid-arthritis",
        title="Rheumatoid arthritis and acupuncture",
        kind="condition",
        condition="rheumatoid-arthritis",
        summary=(
            "Rheumatoid arthritis is an autoimmune disease that inflames the joints "
            "and needs early treatment with disease-modifying medicines. Research on "
            "acupuncture for RA is small and inconclusive; some people use it for "
            "pain, but it does not control the disease."
        ),
        body=_RA_BODY.strip(),
        evidence_level="limited",
        evidence_explanation=(
            "Limited. The Cochrane review found only two small trials and no effect "
            "on inflammation markers or joint counts (Casimiro 2005). A broader "
            "review of pain found some positive results against other active "
            "treatments but conflicting results against sham acupuncture (Wang "
            "2008). At best, acupuncture may offer short-term pain relief for some "
            "people; it never substitutes for disease-modifying treatment."
        ),
        safety_notes=(
            "Acupuncture is usually well tolerated. Common, mild effects include "
            "soreness, bruising, minor bleeding and light-headedness. Rare effects "
            "include infection, which sterile single-use needles make very unlikely, "
            "and a larger bruise (haematoma). Needles should not go into hot, "
            "swollen joints or near joint replacements. Take extra care if you have "
            "a bleeding disorder, take blood thinners, take medicines that lower "
            "your resistance to infection, or are pregnant; dry needling in "
            "pregnancy needs medical clearance. Acupuncture complements your "
            "rheumatology care and never replaces it. Keep taking your prescribed "
            "medicines and tell your rheumatologist you are having acupuncture."
        ),
        meta_description=(
            "Rheumatoid arthritis and acupuncture: what small trials found, why it "
            "never replaces DMARDs, and what to ask before you try it."
        ),
        author="tamsin-aldridge-moreau",
        reviewer="ines-kowalczyk-hart",
        last_reviewed_on="2026-10-09",
        status="published",
        faqs=[
            (
                "Can acupuncture replace my RA medicines?",
                "No. Disease-modifying medicines are what protect your joints from "
                "damage. Acupuncture has not been shown to affect the disease, so "
                "at most it is an add-on for comfort alongside the treatment your "
                "rheumatologist prescribes.",
            ),
            (
                "Will acupuncture reduce my joint swelling or blood markers?",
                "The small trials available found no effect on inflammation markers "
                "or on swollen and tender joint counts (Casimiro 2005). If your "
                "joints are swollen, tell your rheumatologist, because your "
                "treatment may need adjusting.",
            ),
            (
                "Is acupuncture safe if I take methotrexate or a biologic?",
                "Often yes, with precautions. These medicines can raise infection "
                "risk, so the practitioner must use sterile single-use needles and "
                "avoid broken or inflamed skin. Check with your rheumatologist "
                "first, especially around the time of surgery or an infection.",
            ),
            (
                "How many sessions should I try?",
                "There is no research-based number for RA. A short course with a "
                "clear goal, followed by an honest review, is sensible. If you "
                "notice no benefit after a few sessions, it is reasonable to stop.",
            ),
        ],
        references=_refs("smolen2016", "casimiro2005", "wang2008", "baumler2021"),
    ),
    dict(
        slug="lupus",
        title="Lupus (SLE) and acupuncture",
        kind="condition",
        condition="lupus",
        summary=(
            "Systemic lupus erythematosus is an autoimmune disease that can affect "
            "the skin, joints, kidneys and other organs. Only one small pilot trial "
            "has tested acupuncture in lupus, so there is not enough evidence to say "
            "whether it helps."
        ),
        body=_LUPUS_BODY.strip(),
        evidence_level="insufficient",
        evidence_explanation=(
            "Insufficient. The only randomized trial was a 24-person pilot study "
            "designed to test feasibility and safety; pain improved to a similar "
            "degree with real and minimal needling (Greco 2008). A review of "
            "non-drug therapies for lupus found only one acupuncture trial "
            "(Fangtham 2019). There is no adequate evidence that acupuncture "
            "relieves lupus symptoms, and none that it affects the disease."
        ),
        safety_notes=(
            "Acupuncture is usually well tolerated. Common, mild effects include "
            "soreness, bruising, minor bleeding and light-headedness. Rare effects "
            "include infection, which sterile single-use needles make very unlikely, "
            "and a larger bruise (haematoma). Take extra care if you have low "
            "platelets or another bleeding problem, take blood thinners (for "
            "example for antiphospholipid syndrome), take immune-suppressing "
            "medicines, or are pregnant; dry needling in pregnancy needs medical "
            "clearance. Avoid needling into rashes or ulcers and pause during a "
            "flare. Acupuncture complements lupus care and never replaces it. Tell "
            "your rheumatologist before you start."
        ),
        meta_description=(
            "Lupus (SLE) and acupuncture: only one small pilot trial exists. What "
            "that means, and safety points for blood thinners and flares."
        ),
        author="lin-achterberg",
        reviewer="ines-kowalczyk-hart",
        last_reviewed_on="2026-10-12",
        status="published",
        faqs=[
            (
                "Can acupuncture calm a lupus flare?",
                "There is no evidence that it can. A flare needs assessment by your "
                "rheumatologist, because new symptoms may mean an organ is involved. "
                "Most practitioners will suggest pausing acupuncture until the flare "
                "has been looked at.",
            ),
            (
                "I take anticoagulants for antiphospholipid syndrome. Can I have "
                "acupuncture?",
                "Possibly, but only after talking to the doctor who manages your "
                "anticoagulation. Bruising and bleeding are more likely, so the "
                "practitioner should use fewer, shallower needles and avoid deep "
                "points.",
            ),
            (
                "Does acupuncture help lupus fatigue?",
                "It has not been shown to. A review of non-drug therapies for lupus "
                "found only one trial that tested acupuncture (Fangtham 2019), which "
                "is far too little to judge. Ask your rheumatologist about approaches "
                "to fatigue that have been studied more.",
            ),
        ],
        references=_refs("kaul2016", "greco2008", "fangtham2019", "baumler2021"),
    ),
    dict(
        slug="multiple-sclerosis",
        title="Multiple sclerosis and acupuncture",
        kind="condition",
        condition="multiple-sclerosis",
        summary=(
            "Multiple sclerosis is an immune-mediated disease of the brain and spinal "
            "cord, treated by a neurologist with disease-modifying therapies. Small, "
            "low-quality studies hint that acupuncture may ease fatigue, but the "
            "evidence is limited and it does not change the course of the disease."
        ),
        body=_MS_BODY.strip(),
        evidence_level="limited",
        evidence_explanation=(
            "Limited. A 2024 meta-analysis found lower fatigue scores with "
            "acupuncture, but it included only six studies with a high risk of bias "
            "(Haider 2024), and an earlier review of mostly uncontrolled studies "
            "could reach no firm conclusions (Karpatkin 2014). There is a possible "
            "signal for fatigue only; nothing suggests acupuncture changes the "
            "course of MS."
        ),
        safety_notes=(
            "Acupuncture is usually well tolerated. Common, mild effects include "
            "soreness, bruising, minor bleeding and light-headedness or tiredness "
            "after a session. Rare effects include infection, which sterile "
            "single-use needles make very unlikely, and a larger bruise "
            "(haematoma). Numb areas and heat sensitivity are common in MS, so heat "
            "treatments need particular caution. Take extra care with bleeding "
            "disorders, blood thinners, immune-suppressing medicines and pregnancy; "
            "dry needling in pregnancy needs medical clearance. Acupuncture "
            "complements MS care and never replaces disease-modifying therapy. Tell "
            "your neurologist or MS nurse before you start."
        ),
        meta_description=(
            "Multiple sclerosis and acupuncture: a weak signal for fatigue, no effect "
            "on the disease, and practical safety tips for people with MS."
        ),
        author="tamsin-aldridge-moreau",
        reviewer="obadiah-fennimore",
        last_reviewed_on="2026-10-13",
        status="published",
        faqs=[
            (
                "Can acupuncture help MS fatigue?",
                "Possibly, but the evidence is weak. A 2024 meta-analysis found lower "
                "fatigue scores with acupuncture, but the studies were few and at "
                "high risk of bias (Haider 2024). If you try it, set a clear goal and "
                "review it after a short course.",
            ),
            (
                "Does acupuncture slow MS or prevent relapses?",
                "No good-quality research shows that it does. Disease-modifying "
                "therapy prescribed by your neurologist is what reduces relapses, so "
                "keep taking it.",
            ),
            (
                "I am sensitive to heat. Should I avoid moxibustion?",
                "It is wise to be cautious. Many people with MS find that warmth "
                "temporarily worsens their symptoms, and numb skin may not feel a "
                "burn. Ask your practitioner to leave out heat treatments.",
            ),
        ],
        references=_refs("thompson2018", "haider2024", "karpatkin2014", "baumler2021"),
    ),
    dict(
        slug="fibromyalgia",
        title="Fibromyalgia and acupuncture",
        kind="condition",
        condition="fibromyalgia",
        summary=(
            "Fibromyalgia causes widespread pain, fatigue and poor sleep, and "
            "exercise is the foundation of treatment. Reviews suggest acupuncture may "
            "modestly ease pain in the short term for some people, but the certainty "
            "of that evidence is only low to moderate."
        ),
        body=_FIBROMYALGIA_BODY.strip(),
        evidence_level="moderate",
        evidence_explanation=(
            "Moderate, with important caveats. Two systematic reviews found that "
            "acupuncture can ease fibromyalgia pain, particularly alongside usual "
            "care and in the short term (Deare 2013; Zhang 2019), and the UK NICE "
            "guideline allows a single course for chronic primary pain (Carville "
            "2021). However, the trials are small, the quality of evidence is low to "
            "moderate, the advantage over sham is modest and inconsistent, and "
            "European rheumatology recommendations rate acupuncture only \"weak "
            "for\" while giving exercise the strongest backing (Macfarlane 2017)."
        ),
        safety_notes=(
            "Acupuncture is usually well tolerated. Common, mild effects include "
            "soreness, bruising, minor bleeding, light-headedness and tiredness, and "
            "symptoms can briefly feel stronger after a session. Rare effects include "
            "infection, which sterile single-use needles make very unlikely, and a "
            "larger bruise (haematoma). Take extra care if you have a bleeding "
            "disorder or take blood thinners, and in pregnancy; dry needling in "
            "pregnancy needs medical clearance. Acupuncture complements an active "
            "plan of exercise and medical care and never replaces it. Tell your "
            "physician or rheumatologist that you are having acupuncture."
        ),
        meta_description=(
            "Fibromyalgia and acupuncture: modest, short-term pain relief in some "
            "trials, low-to-moderate certainty, and how it fits with exercise."
        ),
        author="lin-achterberg",
        reviewer="ines-kowalczyk-hart",
        last_reviewed_on="2026-10-14",
        status="published",
        faqs=[
            (
                "Does acupuncture work for fibromyalgia?",
                "It may help some people a little, mostly in the short term. Reviews "
                "found better pain scores when acupuncture was added to usual care, "
                "but the advantage over sham acupuncture was modest and not always "
                "consistent (Deare 2013; Zhang 2019).",
            ),
            (
                "Should acupuncture replace my exercise programme?",
                "No. Exercise has the strongest evidence in fibromyalgia, and "
                "European recommendations rate acupuncture only as a weaker option "
                "(Macfarlane 2017). Acupuncture works best, if at all, as an add-on.",
            ),
            (
                "I am very sensitive to touch. Will acupuncture hurt?",
                "Most people feel a brief prick and then a dull ache or heaviness. "
                "Tell your practitioner about your sensitivity so they can start "
                "with fewer needles, shallower insertion and gentler stimulation.",
            ),
            (
                "How long should I try it for?",
                "Agree a short, fixed course with a clear goal and review it "
                "honestly at the end. The NICE guideline on chronic primary pain "
                "describes a single course rather than ongoing treatment (Carville "
                "2021).",
            ),
        ],
        references=_refs(
            "deare2013", "zhang2019", "macfarlane2017", "carville2021", "baumler2021"
        ),
    ),
    dict(
        slug="myofascial-pain-syndrome",
        title="Myofascial pain syndrome, trigger points and dry needling",
        kind="condition",
        condition="myofascial-pain-syndrome",
        summary=(
            "Myofascial pain syndrome is muscle pain driven by tender trigger points "
            "that can refer pain elsewhere. Dry needling and acupuncture may reduce "
            "pain in the short term, but results against sham treatment are mixed "
            "and the overall quality of evidence is low."
        ),
        body=_MYOFASCIAL_BODY.strip(),
        evidence_level="limited",
        evidence_explanation=(
            "Limited. Reviews of dry needling found short-term pain relief, up to "
            "about 12 weeks, based on very low to moderate quality evidence (Gattie "
            "2017; Espejo-Antúnez 2017). A meta-analysis of placebo-controlled "
            "trials did not show a clear advantage over placebo (Tough 2009). "
            "Long-term benefit is unproven and the overall quality of the evidence "
            "is low."
        ),
        safety_notes=(
            "Dry needling and acupuncture are usually well tolerated. Common, mild "
            "effects include soreness that can last a day or two, bruising, minor "
            "bleeding and light-headedness. Rare effects include infection, which "
            "sterile single-use needles make very unlikely, and a larger bruise "
            "(haematoma); needling near the chest wall needs particular skill. Take "
            "extra care if you have a bleeding disorder or take blood thinners. In "
            "pregnancy, dry needling should only happen with medical clearance. "
            "Needling complements exercise and medical care and never replaces a "
            "proper diagnosis. Tell your physician or specialist that you are having "
            "it."
        ),
        meta_description=(
            "Myofascial pain and trigger points: what dry needling is, who may do "
            "it under state law, what the evidence shows and what to expect."
        ),
        author="tamsin-aldridge-moreau",
        reviewer="obadiah-fennimore",
        last_reviewed_on="2026-10-15",
        status="published",
        faqs=[
            (
                "Is dry needling the same as acupuncture?",
                "They use the same kind of thin, solid needle, but the thinking "
                "differs. Dry needling is based on Western anatomy and targets "
                "trigger points directly, while acupuncture comes from traditional "
                "Chinese medicine and uses acupuncture points, many of which lie "
                "near trigger points.",
            ),
            (
                "Can my physical therapist do dry needling?",
                "It depends on your state. Many states allow physical therapists to "
                "dry needle after extra training, but some do not, and the rules "
                "change. Check your state board's current rules and ask about the "
                "therapist's dry-needling course certificate.",
            ),
            (
                "Does the muscle twitch mean it is working?",
                "The twitch shows that the needle has reached a sensitive spot in "
                "the muscle. It can feel strange, but it is expected. Whether it "
                "predicts better relief is not settled, so judge treatment by how "
                "your pain and movement change over a few sessions.",
            ),
            (
                "How sore will I be afterwards?",
                "Soreness for a day or two is common. In a survey of dry-needling "
                "treatments by physiotherapists, mild effects such as bruising, "
                "bleeding and soreness were the usual problems and no significant "
                "adverse events were reported (Brady 2014).",
            ),
        ],
        references=_refs(
            "gattie2017", "espejo2017", "tough2009", "brady2014", "baumler2021"
        ),
    ),
    dict(
        slug="chronic-low-back-pain",
        title="Chronic low back pain and acupuncture",
        kind="condition",
        condition="chronic-low-back-pain",
        summary=(
            "Chronic low back pain lasts longer than about three months and is best "
            "managed with exercise and active care. Acupuncture has a large research "
            "base here, and US physicians' guidance lists it as an option, but UK "
            "guidance advises against it."
        ),
        body=_BACK_PAIN_BODY.strip(),
        evidence_level="moderate",
        evidence_explanation=(
            "Moderate. The trial base is large: individual patient data "
            "meta-analyses show acupuncture does better than sham by a small margin "
            "and better than no acupuncture by a larger one (Vickers 2012; Vickers "
            "2018). A Cochrane review found it may relieve pain immediately after "
            "treatment compared with sham, though most trials had a high risk of "
            "bias (Mu 2020). Guidelines disagree: the American College of "
            "Physicians lists acupuncture as an option (Qaseem 2017), while NICE "
            "advises against it (Bernstein 2017)."
        ),
        safety_notes=(
            "Acupuncture is usually well tolerated. Common, mild effects include "
            "soreness, bruising, minor bleeding and light-headedness. Rare effects "
            "include infection, which sterile single-use needles make very unlikely, "
            "and a larger bruise (haematoma). Take extra care if you have a bleeding "
            "disorder or take blood thinners, if you have had spinal surgery, and "
            "in pregnancy; dry needling in pregnancy needs medical clearance. "
            "Acupuncture complements exercise and medical care and never replaces "
            "it. Seek urgent medical help for warning signs such as new bladder or "
            "bowel problems or leg weakness, and tell your physician or specialist "
            "that you are having acupuncture."
        ),
        meta_description=(
            "Chronic low back pain and acupuncture: what large trials show, why US "
            "and UK guidelines disagree, and what a course involves."
        ),
        author="lin-achterberg",
        reviewer="obadiah-fennimore",
        last_reviewed_on="2026-10-16",
        status="published",
        faqs=[
            (
                "Does acupuncture work for chronic back pain?",
                "It helps some people. Large analyses found it did better than sham "
                "acupuncture by a small margin and better than no acupuncture by "
                "more (Vickers 2018), but many trials had a high risk of bias (Mu "
                "2020).",
            ),
            (
                "Why does NICE advise against acupuncture when US guidance includes it?",
                "The two groups weighed the same kind of evidence differently. NICE "
                "focused on the small difference between real and sham acupuncture "
                "(Bernstein 2017), while the American College of Physicians included "
                "it among non-drug options (Qaseem 2017).",
            ),
            (
                "Should I stop my exercises while having acupuncture?",
                "No. Staying active and keeping up exercise or physical therapy is "
                "the backbone of back pain care. Acupuncture, if you choose it, sits "
                "alongside that.",
            ),
            (
                "Will my insurance cover acupuncture for back pain?",
                "It depends on your plan. Some plans cover acupuncture for chronic "
                "low back pain, sometimes with a referral or a visit limit. Check "
                "with your insurer before you book.",
            ),
        ],
        references=_refs(
            "mu2020",
            "qaseem2017",
            "bernstein2017",
            "vickers2018",
            "vickers2012",
            "baumler2021",
        ),
    ),
    dict(
        slug="how-to-choose-a-qualified-practitioner",
        title="How to choose a qualified practitioner",
        kind="guide",
        condition=None,
        summary=(
            "Credentials for acupuncture and dry needling differ a lot in training "
            "and in what they allow. This guide explains the main licences and "
            "certifications, how this directory verifies them, and what to ask "
            "before your first session."
        ),
        body=_GUIDE_BODY.strip(),
        evidence_level="",
        evidence_explanation="",
        safety_notes=(
            "Acupuncture and dry needling are usually well tolerated when done by "
            "trained practitioners. Common, mild effects include soreness, bruising, "
            "minor bleeding and light-headedness. Rare effects include infection, "
            "which sterile single-use needles make very unlikely, and a larger "
            "bruise (haematoma). Take extra care if you have a bleeding disorder or "
            "take blood thinners, and in pregnancy; dry needling in pregnancy should "
            "only happen with medical clearance. These treatments complement "
            "conventional care and never replace it. Tell your physician and any "
            "specialist, such as your rheumatologist, neurologist or "
            "dermatologist, that you are having treatment."
        ),
        meta_description=(
            "How to check an acupuncturist or dry-needling practitioner: L.Ac. "
            "licences, NCCAOM, DACM, physician training, and what to ask."
        ),
        author="lin-achterberg",
        reviewer="ines-kowalczyk-hart",
        last_reviewed_on="2026-10-19",
        status="published",
        faqs=[
            (
                "Is a physician who does acupuncture better qualified than a licensed "
                "acupuncturist?",
                "Not simply better or worse. A physician has broad medical training "
                "and can diagnose and prescribe, but their acupuncture training is "
                "often around 300 hours. A licensed acupuncturist typically has 1,900 "
                "or more hours focused on acupuncture. Choose based on what you need.",
            ),
            (
                "What does \"verified\" mean on a profile?",
                "It means our staff checked the licence or certificate directly with "
                "the board that issued it and recorded the date, the expiry and the "
                "next check due. A credential stops showing as verified as soon as "
                "it expires.",
            ),
            (
                "What should I do if a practitioner's licence has expired?",
                "Ask the practitioner about it before booking, and check with the "
                "state board. If you believe a profile is wrong, report it from the "
                "profile page so our staff can look into it.",
            ),
            (
                "Can a physical therapist do dry needling in my state?",
                "It depends on the state, and the rules change over time. Check the "
                "current rules with your state's physical therapy board, and ask the "
                "therapist about their dry-needling training.",
            ),
        ],
        references=_refs("baumler2021", "brady2014", "white2001"),
    ),
    dict(
        slug="hashimotos-thyroiditis",
        title="Hashimoto's thyroiditis and acupuncture",
        kind="condition",
        condition="hashimotos-thyroiditis",
        summary=(
            "Hashimoto's thyroiditis is an autoimmune condition that slowly damages "
            "the thyroid and is cared for by your doctor or an endocrinologist, with "
            "thyroid hormone tablets if hormone levels fall. We found no reliable "
            "trials of acupuncture for it; at most it is optional comfort care "
            "alongside medical treatment."
        ),
        body=_HASHIMOTO_BODY.strip(),
        evidence_level="insufficient",
        evidence_explanation=(
            "Insufficient. We found no reliable randomized trials and no "
            "trustworthy systematic reviews of acupuncture for Hashimoto's "
            "thyroiditis. The references on this page describe the condition and "
            "its standard treatment (Chaker 2017; Weetman 2021), not acupuncture. "
            "Any benefit for fatigue, aches, sleep or wellbeing is untested in this "
            "condition, and there is no good evidence that acupuncture affects "
            "thyroid antibodies, thyroid hormone levels or the autoimmune process."
        ),
        safety_notes=(
            "Acupuncture is usually well tolerated. Common, mild effects include "
            "soreness, bruising, minor bleeding and light-headedness. Rare effects "
            "include infection, which sterile single-use needles make very unlikely, "
            "and a larger bruise (haematoma). The thyroid lies close to large blood "
            "vessels and nerves, so deep needling at the front of the neck should be "
            "avoided, especially over an enlarged thyroid or nodules. Take extra care "
            "if you have a bleeding disorder, take blood thinners, or are pregnant; "
            "dry needling in pregnancy needs medical clearance. Acupuncture "
            "complements your medical care and never replaces it. Keep taking your "
            "thyroid hormone as prescribed and tell your doctor or endocrinologist "
            "that you are having acupuncture."
        ),
        meta_description=(
            "Hashimoto's thyroiditis and acupuncture: no reliable trials, no effect "
            "on the thyroid itself, and how to stay safe alongside thyroid treatment."
        ),
        author="tamsin-aldridge-moreau",
        reviewer="ines-kowalczyk-hart",
        last_reviewed_on="2026-10-20",
        status="published",
        faqs=[
            (
                "Can acupuncture heal my thyroid or lower my thyroid antibodies?",
                "There is no reliable evidence that it can. We found no trustworthy "
                "trials showing that acupuncture changes thyroid antibodies, hormone "
                "levels or the autoimmune process. If your thyroid is underactive, "
                "thyroid hormone replacement prescribed by your doctor is the "
                "standard treatment (Chaker 2017).",
            ),
            (
                "Can I lower my levothyroxine if acupuncture makes me feel better?",
                "No. Feeling more relaxed or less tired after a session does not mean "
                "your thyroid is making more hormone. Only change your dose on your "
                "doctor's advice, guided by your blood tests.",
            ),
            (
                "My blood tests are normal but I still feel exhausted. Could "
                "acupuncture help?",
                "You are not alone: a substantial share of people whose blood tests "
                "are on target with thyroid hormone still have symptoms (Chaker "
                "2017). Acupuncture has not been tested for this in Hashimoto's, so "
                "nobody can say whether it helps. Ask your doctor to check your dose "
                "and look for other causes first; if you then try acupuncture, set a "
                "clear goal and review it after a few sessions.",
            ),
            (
                "Is it safe to have needles near my neck?",
                "A careful practitioner avoids deep needling at the front of the "
                "neck, because the thyroid lies close to large blood vessels and "
                "nerves. If your thyroid is enlarged or has nodules, say so before "
                "treatment starts.",
            ),
        ],
        # Checked by this page's editor on stored PubMed / publisher pages; these two are
        # not (yet) on /work/shared/references.md. Only details seen there are given.
        references=[
            dict(
                citation=(
                    "Chaker L, Bianco AC, Jonklaas J, Peeters RP. Hypothyroidism. "
                    "Lancet. 2017;390(10101):1550-1562."
                ),
                doi="10.1016/S0140-6736(17)30703-1",
                pmid="28336049",
                url="https://www.ncbi.nlm.nih.gov/pubmed/28336049",
            ),
            dict(
                citation=(
                    "Weetman AP. An update on the pathogenesis of Hashimoto's "
                    "thyroiditis. J Endocrinol Invest. 2021;44(5):883-890."
                ),
                doi="10.1007/s40618-020-01477-1",
                pmid="33332019",
                url="http://pubmed.ncbi.nlm.nih.gov/33332019/",
            ),
        ]
        + _refs("baumler2021"),
    ),
    dict(
        slug="psoriasis",
        title="Psoriasis and acupuncture",
        kind="condition",
        condition="psoriasis",
        summary=(
            "Psoriasis is a long-term, immune-driven skin disease treated by a "
            "dermatologist with creams, light therapy, tablets or biologic "
            "injections. Several reviews of acupuncture for psoriasis exist, but "
            "their quality is very low, so we cannot say whether it helps, and it "
            "does not change the underlying disease."
        ),
        body=_PSORIASIS_BODY.strip(),
        evidence_level="limited",
        evidence_explanation=(
            "Limited. A 2018 review of complementary therapies counted acupuncture "
            "among the better-supported options for plaque psoriasis (Gamret 2018), "
            "but a 2021 overview of the seven systematic reviews then available gave "
            "all of them the lowest possible quality rating and found major "
            "reporting flaws (Jing 2021). With evidence this weak, we cannot be sure "
            "any benefit is real. Nothing suggests that acupuncture changes the "
            "immune process behind psoriasis, and it is no substitute for "
            "dermatology care."
        ),
        safety_notes=(
            "Acupuncture is usually well tolerated. Common, mild effects include "
            "soreness, bruising, minor bleeding and light-headedness. Rare effects "
            "include infection, which sterile single-use needles make very unlikely, "
            "and a larger bruise (haematoma). Needles should not go into active "
            "plaques or broken skin. In psoriasis, new plaques can appear at sites of "
            "skin injury (the Koebner phenomenon); whether needling can trigger this "
            "is a theoretical concern, so ask your dermatologist first. Take extra "
            "care if you have a bleeding disorder, take blood thinners, take "
            "medicines that lower your resistance to infection, or are pregnant; dry "
            "needling in pregnancy needs medical clearance. Acupuncture complements "
            "your dermatology care and never replaces it. Keep using your prescribed "
            "treatments and tell your dermatologist you are having acupuncture."
        ),
        meta_description=(
            "Psoriasis and acupuncture: why the research is weak, why it never "
            "replaces dermatology care, and how to stay safe, including the Koebner "
            "phenomenon."
        ),
        author="lin-achterberg",
        reviewer="ines-kowalczyk-hart",
        last_reviewed_on="2026-10-21",
        status="published",
        faqs=[
            (
                "Can acupuncture clear my psoriasis?",
                "There is no reliable evidence that it can. Reviews of acupuncture "
                "for psoriasis exist, but a careful overview gave all of them the "
                "lowest possible quality rating (Jing 2021). The treatments your "
                "dermatologist prescribes are what control the disease.",
            ),
            (
                "Could needling cause new psoriasis patches?",
                "In some people with psoriasis, new plaques form where the skin has "
                "been injured; this is called the Koebner phenomenon. Whether fine "
                "acupuncture needles can set it off is not known, so it is a "
                "theoretical concern. Ask your dermatologist before you start, and "
                "make sure needles never go into active plaques or broken skin.",
            ),
            (
                "Is acupuncture safe if I take a biologic or methotrexate?",
                "Often yes, with precautions. These medicines can raise the risk of "
                "infection, so the practitioner must use sterile single-use needles "
                "on clean, unbroken skin. Check with your dermatologist first, "
                "especially around an infection or surgery.",
            ),
            (
                "Might acupuncture help with itch or stress?",
                "Possibly, for some people, but this has not been reliably tested in "
                "psoriasis. Mention itch and stress to your dermatologist too, "
                "because there are treatments with better evidence. If you try "
                "acupuncture, set a clear goal and review it after a few sessions.",
            ),
        ],
        # Checked by this page's editor on stored PubMed / publisher pages; these three are
        # not (yet) on /work/shared/references.md. Only details seen there are given.
        references=[
            dict(
                citation=(
                    "Griffiths CEM, Armstrong AW, Gudjonsson JE, Barker JNWN. "
                    "Psoriasis. Lancet. 2021;397(10281):1301-1315."
                ),
                doi="10.1016/S0140-6736(20)32549-6",
                pmid="",
                url="",
            ),
            dict(
                citation=(
                    "Jing M, Shi L, Zhang Y, Zhu M, Yuan F, Zhu B, Chen M, Ge X. "
                    "Efficacy and safety of acupuncture therapy for psoriasis: an "
                    "overview of systematic reviews. Ann Palliat Med. "
                    "2021;10(10):10804-10820."
                ),
                doi="",
                pmid="34763442",
                url="https://pubmedhh.nlm.nih.gov/cgi-bin/abstract.cgi?from=jb&id=34763442",
            ),
            dict(
                citation=(
                    "Gamret AC, Price A, Fertig RM, Lev-Tov H, Nichols AJ. "
                    "Complementary and alternative medicine therapies for psoriasis: "
                    "a systematic review. JAMA Dermatol. 2018;154(11):1330-1337."
                ),
                doi="10.1001/jamadermatol.2018.2972",
                pmid="",
                url="https://jamanetwork.com/journals/jamadermatology/article-abstract/2698668",
            ),
        ]
        + _refs("baumler2021"),
    ),
    # -----------------------------------------------------------------------
    # Deliberately BAD, fictional draft for testing the editorial checks.
    # Never publish. Every problem here is intentional.
    # -----------------------------------------------------------------------
    dict(
        slug="miracle-cure-draft",
        title="Stunning Relief: The Miracle Cure for Fibromyalgia, Guaranteed!",
        kind="condition",
        condition="fibromyalgia",
        summary=(
            "Our miracle cure gives stunning relief from fibromyalgia, guaranteed. "
            "Call (555) 014-2233 today and never suffer again."
        ),
        body=_BAD_DRAFT_BODY.strip(),
        evidence_level="",
        evidence_explanation="",
        safety_notes="",
        meta_description=(
            "Stunning relief guaranteed! The miracle cure for fibromyalgia. "
            "Call (555) 014-2233 today."
        ),
        author="tamsin-aldridge-moreau",
        reviewer=None,
        last_reviewed_on=None,
        status="draft",
        faqs=[
            (
                "Is it guaranteed to work?",
                "Yes! Studies show 87% of patients are pain-free, guaranteed. Shop "
                "now at https://example.com/shop/needles.",
            ),
        ],
        references=[],
    ),
]
